import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import type { Region } from '@/api/types'
import { isSiteRegion, nonNegativeRule, siteRegionRules, usccRule } from './formRules'

/** Runs a rule's validator and returns its message, or null when the value passes. */
function check(rule: FormItemRule, value: unknown): string | null {
  let out: string | null = null
  const validator = rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void
  validator(rule, value, (e?: Error) => (out = e ? e.message : null))
  return out
}

const region = (r: Partial<Region>): Region => ({ code: '110108', name: '海淀区', level: 'county', has_children: false, ...r }) as Region

describe('usccRule', () => {
  const msgs = { length: 'length', check: 'check' }
  it('needs 18 characters with a correct check character', () => {
    const rule = usccRule(msgs)
    expect(rule.required).toBe(true)
    expect(check(rule, '')).toBe('length')
    expect(check(rule, '91350100M000100Y4')).toBe('length')
    expect(check(rule, '91350100M000100Y44')).toBe('check')
    expect(check(rule, '91350100M000100Y43')).toBeNull()
  })
  it('is off for a team', () => {
    const rule = usccRule(msgs, { skip: true })
    expect(rule.required).toBe(false)
    expect(check(rule, '')).toBeNull()
  })
})

describe('nonNegativeRule', () => {
  it('rejects negative numbers, and empty ones unless allowed', () => {
    expect(check(nonNegativeRule('neg'), -1)).toBe('neg')
    expect(check(nonNegativeRule('neg'), 0)).toBeNull()
    expect(check(nonNegativeRule('neg'), null)).toBe('neg')
    expect(check(nonNegativeRule('neg', { allowEmpty: true }), null)).toBeNull()
  })
})

describe('site regions', () => {
  it('are county-level units and cities without counties', () => {
    expect(isSiteRegion(region({ level: 'county' }))).toBe(true)
    expect(isSiteRegion(region({ level: 'city', has_children: true, flags: 'county_less' }))).toBe(true)
    expect(isSiteRegion(region({ level: 'city', has_children: false }))).toBe(true)
    expect(isSiteRegion(region({ level: 'city', has_children: true }))).toBe(false)
    expect(isSiteRegion(region({ level: 'province', has_children: true }))).toBe(false)
  })
  it('check the picked region only', () => {
    let picked: Region | null = null
    const [required, level] = siteRegionRules({ required: 'req', level: 'lvl' }, () => picked)
    expect(required!.required).toBe(true)
    expect(check(level!, '110108')).toBeNull() // loaded with the record: trusted
    picked = region({ code: '110100', level: 'city', has_children: true })
    expect(check(level!, '110100')).toBe('lvl')
    picked = region({ code: '110108' })
    expect(check(level!, '110108')).toBeNull()
  })
})
