// China map shapes for the statistics map, bundled at build time from the ECharts 4.9 map files
// (npm package "echarts4", Apache-2.0: the last ECharts release that shipped them). Each file is its
// own lazy chunk, loaded on the first drill into that province. Features carry 6-digit adcodes,
// the same codes as our region tree; a few (renamed or re-coded units) are matched by name.

/** A GeoJSON feature collection as the ECharts 4 files store it (possibly UTF-8 encoded). */
export interface GeoJson {
  type: 'FeatureCollection'
  UTF8Encoding?: boolean
  features: Array<{ id?: string; type: 'Feature'; properties: { name: string; [k: string]: unknown }; geometry: unknown }>
}

type Loader = () => Promise<{ default: unknown }>

const NATION: Loader = () => import('echarts4/map/json/china.json')

// Province adcode → its file (cities, or county-level units for the municipalities).
const PROVINCES: Record<string, Loader> = {
  '110000': () => import('echarts4/map/json/province/beijing.json'),
  '120000': () => import('echarts4/map/json/province/tianjin.json'),
  '130000': () => import('echarts4/map/json/province/hebei.json'),
  '140000': () => import('echarts4/map/json/province/shanxi.json'),
  '150000': () => import('echarts4/map/json/province/neimenggu.json'),
  '210000': () => import('echarts4/map/json/province/liaoning.json'),
  '220000': () => import('echarts4/map/json/province/jilin.json'),
  '230000': () => import('echarts4/map/json/province/heilongjiang.json'),
  '310000': () => import('echarts4/map/json/province/shanghai.json'),
  '320000': () => import('echarts4/map/json/province/jiangsu.json'),
  '330000': () => import('echarts4/map/json/province/zhejiang.json'),
  '340000': () => import('echarts4/map/json/province/anhui.json'),
  '350000': () => import('echarts4/map/json/province/fujian.json'),
  '360000': () => import('echarts4/map/json/province/jiangxi.json'),
  '370000': () => import('echarts4/map/json/province/shandong.json'),
  '410000': () => import('echarts4/map/json/province/henan.json'),
  '420000': () => import('echarts4/map/json/province/hubei.json'),
  '430000': () => import('echarts4/map/json/province/hunan.json'),
  '440000': () => import('echarts4/map/json/province/guangdong.json'),
  '450000': () => import('echarts4/map/json/province/guangxi.json'),
  '460000': () => import('echarts4/map/json/province/hainan.json'),
  '500000': () => import('echarts4/map/json/province/chongqing.json'),
  '510000': () => import('echarts4/map/json/province/sichuan.json'),
  '520000': () => import('echarts4/map/json/province/guizhou.json'),
  '530000': () => import('echarts4/map/json/province/yunnan.json'),
  '540000': () => import('echarts4/map/json/province/xizang.json'),
  '610000': () => import('echarts4/map/json/province/shanxi1.json'),
  '620000': () => import('echarts4/map/json/province/gansu.json'),
  '630000': () => import('echarts4/map/json/province/qinghai.json'),
  '640000': () => import('echarts4/map/json/province/ningxia.json'),
  '650000': () => import('echarts4/map/json/province/xinjiang.json'),
  '710000': () => import('echarts4/map/json/province/taiwan.json'),
  '810000': () => import('echarts4/map/json/province/xianggang.json'),
  '820000': () => import('echarts4/map/json/province/aomen.json'),
}

/** The map name to register for a parent region ('' or 100000 = the nation), or null when there is no shape file. */
export function mapNameFor(parent: string): string | null {
  if (parent === '' || parent === '100000') return 'cn-100000'
  return PROVINCES[parent] ? `cn-${parent}` : null
}

/**
 * Loads the shapes under `parent` and keys every feature by `properties.adcode` (its code, or
 * "name:<name>" when the file has none), so the caller can match our regions by code first.
 */
export async function loadGeo(parent: string): Promise<GeoJson> {
  const loader = parent === '' || parent === '100000' ? NATION : PROVINCES[parent]
  if (!loader) throw new Error(`no map for ${parent}`)
  // The loaded module object is shared: copy before annotating so a second load is identical.
  const src = (await loader()).default as GeoJson
  return {
    ...src,
    features: src.features.map((f) => ({
      ...f,
      properties: { ...f.properties, adcode: f.id ?? `name:${f.properties.name}` },
    })),
  }
}

// Suffixes that changed when units were re-designated (县→区, 地区→市) or differ between sources.
const SUFFIXES = ['特别行政区', '自治州', '自治县', '地区', '林区', '新区', '盟', '市', '县', '区', '省']

/** A region name without its administrative suffix, for matching across re-designations. */
export function nameStem(name: string): string {
  for (const s of SUFFIXES) if (name.length > s.length + 1 && name.endsWith(s)) return name.slice(0, -s.length)
  return name
}

/**
 * Pairs regions with map features: by adcode where the feature has our code, otherwise by
 * name stem. Returns region code → feature key (properties.adcode); unmatched regions are left out.
 */
export function matchRegions(geo: GeoJson, regions: Array<{ code: string; name: string }>): Map<string, string> {
  const byCode = new Set<string>()
  const byStem = new Map<string, string>()
  for (const f of geo.features) {
    const key = String(f.properties.adcode)
    byCode.add(key)
    byStem.set(nameStem(f.properties.name), key)
  }
  const out = new Map<string, string>()
  const used = new Set<string>()
  for (const r of regions) {
    if (byCode.has(r.code)) {
      out.set(r.code, r.code)
      used.add(r.code)
    }
  }
  for (const r of regions) {
    if (out.has(r.code)) continue
    const key = byStem.get(nameStem(r.name))
    if (key && !used.has(key)) {
      out.set(r.code, key)
      used.add(key)
    }
  }
  return out
}
