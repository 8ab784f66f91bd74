import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { api } from '@/api'
import type { Outcome } from '@/api/standards'
import type { Region } from '@/api/types'

type TagType = 'success' | 'danger' | 'warning' | 'info' | 'primary'

const OUTCOME_TAGS: Record<string, TagType> = {
  pass: 'success',
  fail: 'danger',
  unknown: 'warning',
  not_applicable: 'info',
}

/** The base units of docs/standards.md; compound units (persons/count) are shown as written. */
const BASE_UNITS = ['m2', 'cny', 'count', 'persons', 'months', 'years', 'score']

// Province names by two-digit code, loaded once per page load (34 rows) for labels only.
const provinces = shallowRef<Map<string, Region>>(new Map())
let provincesLoading: Promise<void> | null = null
function loadProvinces() {
  provincesLoading ??= api.regions
    .list()
    .then((rows) => {
      provinces.value = new Map(rows.filter((r) => r.level === 'province').map((r) => [r.code.slice(0, 2), r]))
    })
    .catch(() => {
      // Labels fall back to the code; the next page may try again.
      provincesLoading = null
    })
}

/** Locale-aware names, units and values of the standards module's records. */
export function useStandardsFormat() {
  const { t, locale } = useI18n()
  const zh = computed(() => locale.value === 'zh-CN')

  /** The name in the console's language, falling back to Chinese (the authoritative text). */
  function name(o: { name_zh?: string | null; name_en?: string | null } | null | undefined): string {
    if (!o) return ''
    return (zh.value ? o.name_zh : o.name_en || o.name_zh) ?? ''
  }

  function text(zhText: string | null | undefined, enText: string | null | undefined): string {
    return (zh.value ? zhText : enText || zhText) ?? ''
  }

  function outcomeTag(o: Outcome | string | null | undefined): TagType {
    return OUTCOME_TAGS[o ?? ''] ?? 'info'
  }

  function outcomeLabel(o: Outcome | string | null | undefined): string {
    return o ? t(`standards.outcomes.${o}`) : '—'
  }

  function unitLabel(unit: string | null | undefined): string {
    if (!unit || unit === 'bool' || unit === 'ratio' || unit === '1') return ''
    return BASE_UNITS.includes(unit) ? t(`standards.units.${unit}`) : unit
  }

  /** A number in its unit: ratios as percentages, booleans as yes/no, money and areas grouped. */
  function value(v: number | boolean | null | undefined, unit?: string | null): string {
    if (v === null || v === undefined) return '—'
    if (typeof v === 'boolean' || unit === 'bool') return v ? t('common.yes') : t('common.no')
    if (unit === 'ratio') return `${(v * 100).toLocaleString(undefined, { maximumFractionDigits: 2 })}%`
    const shown = v.toLocaleString(undefined, { maximumFractionDigits: 2 })
    const u = unitLabel(unit)
    return u ? `${shown} ${u}` : shown
  }

  /** A signed margin (negative = short), in the criterion's unit. */
  function margin(v: number | null | undefined, unit?: string | null): string {
    if (v === null || v === undefined) return '—'
    if (unit === 'bool') return '—'
    const s = value(Math.abs(v), unit)
    return v < 0 ? `−${s}` : v > 0 ? `+${s}` : s
  }

  function levelLabel(level: string | null | undefined): string {
    if (!level) return '—'
    return t(`standards.levels.${level}`)
  }

  /** A province by its two-digit code (or any code starting with it). */
  function province(code: string | null | undefined): string {
    if (!code) return '—'
    loadProvinces()
    const r = provinces.value.get(code.slice(0, 2))
    if (!r) return code.slice(0, 2)
    return zh.value || !r.name_en ? r.name : r.name_en
  }

  /** national / default / a two-digit province code. */
  function jurisdiction(j: string | null | undefined): string {
    if (j === 'national' || j === 'default') return t(`standards.jurisdictions.${j}`)
    return province(j)
  }

  return { zh, name, text, outcomeTag, outcomeLabel, unitLabel, value, margin, levelLabel, province, jurisdiction }
}
