import { describe, expect, it, vi } from 'vitest'
import type { Region } from '@/api/types'
import { useStandardsFormat } from './useStandardsFormat'
import { withSetup } from './withSetup'

const { list } = vi.hoisted(() => ({ list: vi.fn() }))
vi.mock('@/api', () => ({ api: { regions: { list } } }))

const settle = () => new Promise((r) => setTimeout(r, 0))
/** Numbers as the composable groups them, in whatever locale the test runs in. */
const n = (v: number) => v.toLocaleString(undefined, { maximumFractionDigits: 2 })

function fmt(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const { result, locale: current } = withSetup(() => useStandardsFormat(), locale)
  return { ...result, locale: current }
}

describe('useStandardsFormat', () => {
  it('names records in the console language, falling back to the Chinese text', () => {
    const zh = fmt()
    const en = fmt('en')
    expect(zh.zh.value).toBe(true)
    expect(en.zh.value).toBe(false)
    expect(zh.name({ name_zh: '孵化面积', name_en: 'Incubation area' })).toBe('孵化面积')
    expect(en.name({ name_zh: '孵化面积', name_en: 'Incubation area' })).toBe('Incubation area')
    expect(en.name({ name_zh: '孵化面积', name_en: '' })).toBe('孵化面积')
    expect(en.name({ name_zh: '孵化面积', name_en: null })).toBe('孵化面积')
    expect(zh.name(null)).toBe('')
    expect(en.text('说明', 'Note')).toBe('Note')
    expect(en.text('说明', null)).toBe('说明')
    expect(zh.text(null, 'Note')).toBe('')
  })

  it('follows a language switch without being called again', () => {
    const f = fmt()
    const record = { name_zh: '孵化面积', name_en: 'Incubation area' }
    expect(f.name(record)).toBe('孵化面积')
    f.locale.value = 'en'
    expect(f.name(record)).toBe('Incubation area')
    expect(f.outcomeLabel('pass')).toBe('Pass')
  })

  it('labels outcomes and tags them by colour, unknown ones as info', () => {
    const f = fmt()
    expect(f.outcomeLabel('pass')).toBe('达标')
    expect(f.outcomeLabel('unknown')).toBe('数据不足')
    expect(f.outcomeLabel(null)).toBe('—')
    expect(f.outcomeTag('pass')).toBe('success')
    expect(f.outcomeTag('fail')).toBe('danger')
    expect(f.outcomeTag('unknown')).toBe('warning')
    expect(f.outcomeTag('not_applicable')).toBe('info')
    expect(f.outcomeTag('surprise')).toBe('info')
    expect(f.outcomeTag(undefined)).toBe('info')
    expect(f.levelLabel('excellence')).toBe('部级·卓越级')
    expect(f.levelLabel('')).toBe('—')
  })

  it('translates base units, hides unitless ones and shows compound units as written', () => {
    const zh = fmt()
    const en = fmt('en')
    expect(zh.unitLabel('cny')).toBe('元')
    expect(en.unitLabel('cny')).toBe('CNY')
    expect(zh.unitLabel('count')).toBe('个')
    expect(en.unitLabel('count')).toBe('')
    for (const u of ['bool', 'ratio', '1', '', null, undefined]) expect(zh.unitLabel(u)).toBe('')
    expect(zh.unitLabel('persons/count')).toBe('persons/count')
  })

  it('shows values in their unit: ratios as percentages, booleans as yes/no, numbers grouped', () => {
    const zh = fmt()
    const en = fmt('en')
    expect(zh.value(null, 'm2')).toBe('—')
    expect(zh.value(undefined)).toBe('—')
    expect(zh.value(true)).toBe('是')
    expect(en.value(false)).toBe('No')
    expect(zh.value(1, 'bool')).toBe('是')
    expect(zh.value(0, 'bool')).toBe('否')
    expect(zh.value(0.123456, 'ratio')).toBe(`${n(12.3456)}%`)
    expect(zh.value(0.5, 'ratio')).toBe('50%')
    expect(zh.value(12345.678, 'm2')).toBe(`${n(12345.68)} m²`)
    expect(zh.value(3, 'persons')).toBe('3 人')
    expect(en.value(3, 'count')).toBe('3')
    expect(zh.value(2.5, 'persons/count')).toBe(`${n(2.5)} persons/count`)
    expect(zh.value(7)).toBe('7')
  })

  it('signs margins, negative meaning short, and has none for yes/no criteria', () => {
    const f = fmt()
    expect(f.margin(-1500, 'm2')).toBe(`−${n(1500)} m²`)
    expect(f.margin(2, 'persons')).toBe('+2 人')
    expect(f.margin(0, 'persons')).toBe('0 人')
    expect(f.margin(-0.05, 'ratio')).toBe('−5%')
    expect(f.margin(1, 'bool')).toBe('—')
    expect(f.margin(null, 'm2')).toBe('—')
  })

  it('names provinces from one load per page, trying again after a failed load', async () => {
    const rows = [
      { code: '110000', name: '北京市', name_en: 'Beijing', level: 'province' },
      // A city sharing the province's two digits must not take its place.
      { code: '110100', name: '北京市市辖区', name_en: 'Beijing City', level: 'city' },
      { code: '440000', name: '广东省', name_en: '', level: 'province' },
    ] as Region[]
    list.mockRejectedValueOnce(new Error('offline')).mockResolvedValue(rows)

    const zh = fmt()
    expect(zh.province(null)).toBe('—')
    expect(list).not.toHaveBeenCalled()
    expect(zh.province('110108')).toBe('11') // the code until the names arrive
    await settle()
    expect(zh.province('110108')).toBe('11') // the load failed: still the code, and a new load
    await settle()
    expect(list).toHaveBeenCalledTimes(2)
    expect(zh.province('110108')).toBe('北京市')
    expect(zh.jurisdiction('44')).toBe('广东省')
    expect(zh.jurisdiction('national')).toBe('全国')
    expect(zh.jurisdiction('default')).toBe('默认（暂行）')
    expect(zh.province('65')).toBe('65')

    const en = fmt('en')
    expect(en.province('11')).toBe('Beijing')
    expect(en.province('440300')).toBe('广东省') // no English name
    expect(en.jurisdiction('national')).toBe('National')
    expect(list).toHaveBeenCalledTimes(2)
  })
})
