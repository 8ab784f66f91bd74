// Validation rules the registry forms share (el-form rules). Messages are passed in already
// translated, so the rules stay free of i18n and can be unit tested.
import type { FormItemRule } from 'element-plus'
import type { Region } from '@/api/types'
import { isValidUscc } from '@/api/uscc'

type Trigger = 'blur' | 'change'

/** A value must be given (whitespace alone does not count). */
export function requiredRule(message: string, trigger: Trigger = 'blur'): FormItemRule {
  return { required: true, whitespace: true, message, trigger }
}

/**
 * An 18-character unified social credit code with a correct check character. `skip` turns the rule
 * off (an unregistered team has no code; the server rejects one that is given).
 */
export function usccRule(messages: { length: string; check: string }, opts: { skip?: boolean } = {}): FormItemRule {
  const skip = !!opts.skip
  return {
    // Marks the field as required in the form (the validator below reports the missing code).
    required: !skip,
    validator: (_r, v: string | null | undefined, cb) => {
      if (skip) return cb()
      const code = v ?? ''
      if (code.length !== 18) return cb(new Error(messages.length))
      return isValidUscc(code) ? cb() : cb(new Error(messages.check))
    },
    trigger: 'blur',
  }
}

/** A number that is not negative; an empty value fails unless `allowEmpty`. */
export function nonNegativeRule(message: string, opts: { allowEmpty?: boolean } = {}): FormItemRule {
  return {
    validator: (_r, v: number | null | undefined, cb) => {
      if (v === null || v === undefined) return opts.allowEmpty ? cb() : cb(new Error(message))
      return v < 0 ? cb(new Error(message)) : cb()
    },
    trigger: 'change',
  }
}

/**
 * Whether a region can be a site (where a carrier or enterprise is): a county-level unit, or a
 * city that has none (不设区的地级市, flagged county_less or without children).
 */
export function isSiteRegion(r: Pick<Region, 'level' | 'has_children' | 'flags'>): boolean {
  if (r.level === 'county') return true
  const countyLess = !r.has_children || (r.flags ?? '').split(',').includes('county_less')
  return r.level === 'city' && countyLess
}

/**
 * A site region: required, and at the site level. `picked` is the region chosen in the picker (null
 * until the user picks one: a region loaded with the record is trusted).
 */
export function siteRegionRules(
  messages: { required: string; level: string },
  picked: () => Region | null,
): FormItemRule[] {
  return [
    { required: true, message: messages.required, trigger: 'change' },
    {
      validator: (_r, v: string, cb) => {
        const r = picked()
        if (!v || !r || r.code !== v) return cb()
        return isSiteRegion(r) ? cb() : cb(new Error(messages.level))
      },
      trigger: 'change',
    },
  ]
}
