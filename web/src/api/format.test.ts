// The API layer's pure helpers: query strings, region prefixes, credit codes and return values.
import { describe, expect, it } from 'vitest'
import { ApiError, asItems, buildQuery, enc } from './http'
import { regionPrefix } from './regionCode'
import { cellText, incubateePrefill, toShown, toStored } from './returnValues'
import { isValidUscc, normalizeUscc, usccCheckChar } from './uscc'

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery()).toBe('')
    expect(buildQuery({ q: '', cursor: null, region: undefined })).toBe('')
    expect(buildQuery({ q: '海淀 园', limit: 20, skip_bad: false })).toBe(`?q=${encodeURIComponent('海淀 园').replace(/%20/g, '+')}&limit=20&skip_bad=false`)
  })
  it('encodes ids in paths', () => {
    expect(enc('a/b')).toBe('a%2Fb')
    expect(enc(12)).toBe('12')
  })
  it('takes the items of an envelope or a bare array', () => {
    expect(asItems([1, 2])).toEqual([1, 2])
    expect(asItems({ items: [3], next_cursor: null, total: 1 })).toEqual([3])
  })
})

describe('ApiError', () => {
  it('carries the server code, message and blamed field', () => {
    const e = new ApiError(422, { code: 'invalid_uscc', message: '校验位不正确', details: { field: 'uscc' }, request_id: 'r1' })
    expect([e.status, e.code, e.message, e.field, e.requestId]).toEqual([422, 'invalid_uscc', '校验位不正确', 'uscc', 'r1'])
    expect(new ApiError(500, { code: 'internal', message: '' }).field).toBeUndefined()
  })
})

describe('regionPrefix', () => {
  it('cuts a six-digit code to the prefix that selects it and what lies under it', () => {
    expect(regionPrefix('440000')).toBe('44')
    expect(regionPrefix('440300')).toBe('4403')
    expect(regionPrefix('440305')).toBe('440305')
    expect(regionPrefix('US')).toBe('US')
  })
})

describe('uscc', () => {
  const valid = '91350100M000100Y43'
  it('computes the check character of GB 32100-2015', () => {
    expect(usccCheckChar(valid.slice(0, 17))).toBe('3')
    expect(usccCheckChar('9135010OM000100Y4')).toBeNull() // O is not in the character set
  })
  it('accepts a valid code and rejects a wrong check character or length', () => {
    expect(isValidUscc(valid)).toBe(true)
    expect(isValidUscc(valid.slice(0, 17) + '4')).toBe(false)
    expect(isValidUscc(valid.slice(0, 17))).toBe(false)
    expect(isValidUscc(valid.toLowerCase())).toBe(false)
  })
  it('normalizes full-width characters, spaces and case', () => {
    expect(normalizeUscc('９１３５ 0100m000100y43')).toBe(valid)
  })
})

describe('annual return values', () => {
  const money = { type: 'money' as const }
  it('shows money in the shown unit and stores it in whole fen', () => {
    expect(toShown(money, 1234500000, 100000)).toBe(12345)
    expect(toStored(money, 12345.678, 100000)).toBe(1234567800)
    expect(toStored(money, '', 100000)).toBeNull()
    expect(toShown(money, undefined, 100000)).toBeNull()
  })
  it('stores counts whole and other values as they are', () => {
    expect(toStored({ type: 'count' }, 2.6, 100000)).toBe(3)
    expect(toStored({ type: 'text' }, '甲公司', 100000)).toBe('甲公司')
    expect(toShown({ type: 'area' }, 120, 100000)).toBe(120)
  })
  it('writes table cells', () => {
    const labels = { yes: '是', no: '否' }
    expect(cellText({ type: 'bool' }, true, 100000, labels)).toBe('是')
    expect(cellText({ type: 'bool' }, false, 100000, labels)).toBe('否')
    expect(cellText({ type: 'text' }, '', 100000, labels)).toBe('—')
    expect(cellText({ type: 'count' }, 7, 100000, labels)).toBe('7')
    expect(cellText(money, 250000, 100000, labels)).toBe((2.5).toLocaleString())
  })
  it('prefills a new incubatee row by item code', () => {
    expect(incubateePrefill({ name: '甲公司', uscc: '91350100M000100Y43' })).toEqual({ I01: '甲公司', I02: '91350100M000100Y43' })
    expect(incubateePrefill({ name: '乙团队', uscc: null })).toEqual({ I01: '乙团队' })
  })
})
