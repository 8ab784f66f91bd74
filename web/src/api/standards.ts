// Standards API (docs/api/standards.md): rule sets and their versions, verdicts and tiered
// cultivation. Shapes are as on the wire (snake_case).
import { enc, http, request, type Id, type Query } from './http'
import type { Page } from './types'

export type RuleSubject = 'carrier' | 'enterprise'
export type RuleKind = 'recognition' | 'eligibility' | 'graduation' | 'tax' | 'evaluation' | 'filing'
export const RULE_KINDS: RuleKind[] = ['recognition', 'eligibility', 'graduation', 'tax', 'evaluation', 'filing']
export type Outcome = 'pass' | 'fail' | 'unknown' | 'not_applicable'
export type CultivationLevel = 'provincial' | 'standard' | 'excellence'
export const CULTIVATION_LEVELS: CultivationLevel[] = ['provincial', 'standard', 'excellence']
export type AlertKind = 'revocation_warning' | 'incubation_over_limit' | 'graduation_due' | 'tax_benefit_ending'
export const ALERT_KINDS: AlertKind[] = ['revocation_warning', 'incubation_over_limit', 'graduation_due', 'tax_benefit_ending']

/** A version header: list items, `versions`, diff ends. */
export interface RuleSetHeader {
  id: string
  version: number
  name_zh: string
  name_en: string
  subject: RuleSubject
  kind: RuleKind
  level: string
  jurisdiction: string
  effective_from: string | null
  effective_to: string | null
  provisional: boolean
  status: string
  origin: 'shipped' | 'upload' | 'parameters'
  file_name: string
  based_on_version: number | null
  overrides: Record<string, number | boolean>
  created_at: string
  created_by: string
  /** List items and full versions: the document number and the issuing authority. */
  document?: string | null
  issuer_zh?: string | null
}

export interface RuleParameter {
  id: string
  name_zh: string
  name_en: string
  unit: string
  value: number | boolean
  expr: string | null
  provisional: boolean
  citation: string | null
  description_zh: string | null
  description_en: string | null
}

export interface RuleVariant {
  name_zh: string
  name_en: string
  when: string
  threshold: string
  citation: string | null
}

export interface RuleClause {
  name_zh: string | null
  name_en: string | null
  lhs: string
  op: string
  threshold: string
  unit: string
  variants: RuleVariant[]
}

export interface RuleCriterion {
  id: string
  name_zh: string
  name_en: string
  citation: string | null
  provisional: boolean
  inclusive: boolean | null
  applies_when: string | null
  clauses: RuleClause[]
  indicators: string[]
  parameters: string[]
  note_zh: string | null
  note_en: string | null
  group?: string
  weight?: number
  scoring?: 'pass' | 'linear'
}

export interface RuleDerived {
  id: string
  name_zh: string
  name_en: string
  unit: string
  expr: string
}

export interface RuleRelaxation {
  id: string
  name_zh: string
  name_en: string
  when: string
  factor: string
  criteria: string[]
  citation: string | null
  provisional: boolean
}

export interface RuleSet extends RuleSetHeader {
  combine: 'all' | 'any' | 'score'
  inclusive: boolean
  note_zh: string | null
  note_en: string | null
  toml: string
  parameters: RuleParameter[]
  derived: RuleDerived[]
  criteria: RuleCriterion[]
  relaxations: RuleRelaxation[]
  groups: Array<{ id: string; name_zh: string; name_en: string; max: number }>
  grades: Array<{ code: string; name_zh: string; name_en: string; min_score: number }>
  /** Only on GET /rule-sets/{id}: every version, oldest first. */
  versions?: RuleSetHeader[]
}

export interface FieldChange {
  field: string
  from: string
  to: string
}

export interface DiffItem {
  id: string
  change: 'added' | 'removed' | 'changed'
  name_zh: string
  name_en: string
  fields: FieldChange[]
}

export interface RuleSetDiff {
  rule_set_id: string
  from: RuleSetHeader
  to: RuleSetHeader
  header: FieldChange[]
  parameters: DiffItem[]
  derived: DiffItem[]
  criteria: DiffItem[]
  relaxations: DiffItem[]
}

export interface ValueSource {
  indicator: string
  value: number
  source: string
}

export interface VerdictClause {
  name_zh: string | null
  name_en: string | null
  lhs: string
  threshold_expr: string
  op: string
  unit: string
  value: number | null
  threshold: number | null
  margin: number | null
  outcome: Outcome
  variant_zh: string | null
  variant_en: string | null
  relaxations: string[]
}

export interface VerdictCriterion {
  id: string
  name_zh: string
  name_en: string
  citation: string | null
  provisional: boolean
  outcome: Outcome
  value: number | null
  threshold: number | null
  margin: number | null
  op: string
  unit: string
  values: ValueSource[]
  missing: string[]
  reason_zh: string | null
  reason_en: string | null
  clauses: VerdictClause[]
  group?: string
  weight?: number
  points?: number
}

export interface Verdict {
  id: number
  rule_set_id: string
  rule_set_version: number
  rule_set_kind: RuleKind
  subject_type: RuleSubject
  subject_id: number
  as_of: string
  region_code: string
  carrier_id: number | null
  outcome: Outcome
  grade: string | null
  grade_name_zh?: string | null
  grade_name_en?: string | null
  score?: number
  max_score?: number
  provisional: boolean
  evaluated_at: string
  /** Absent in list items. */
  criteria?: VerdictCriterion[]
  derived?: Array<{ id: string; name_zh: string; name_en: string; unit: string; value: number | null }>
  missing?: string[]
}

export interface EvaluateInput {
  rule_set_id: string
  rule_set_version?: number
  subject_type: RuleSubject
  subject_id: number
  as_of?: string
}

export interface Gap {
  criterion_id: string
  name_zh: string
  name_en: string
  outcome: Outcome
  indicator: string | null
  amount: number | null
  unit: string
  text_zh: string
  text_en: string
}

export interface ExcellenceRank {
  rank: number
  candidates: number
  quota: number
  within_quota: boolean
  qualifies: boolean
  merit: number
}

export interface NextTier {
  carrier_id: number
  carrier_name: string
  province: string
  as_of: string
  current_level: string
  next_level: string | null
  rule_set: RuleSetHeader | null
  provincial_default: boolean
  verdict: Omit<Verdict, 'id' | 'subject_type' | 'subject_id' | 'as_of' | 'region_code' | 'carrier_id' | 'evaluated_at' | 'rule_set_kind'> | null
  gaps: Gap[]
  excellence_rank: ExcellenceRank | null
}

export interface Candidate {
  carrier_id: number
  carrier_name: string
  region_code: string
  province: string
  current_level: string
  next_level: CultivationLevel
  rule_set_id: string
  rule_set_version: number
  provincial_default: boolean
  outcome: Outcome
  merit: number
  rank: number
  quota: number | null
  within_quota: boolean | null
  gaps: Gap[]
}

export interface CultivationAlert {
  kind: AlertKind
  carrier_id: number
  carrier_name: string
  region_code: string
  enterprise_id: number | null
  enterprise_name: string | null
  incubation_id: number | null
  detail_zh: string
  detail_en: string
  data: Record<string, string>
}

/** A catalogue indicator (GET /indicators). */
export interface IndicatorInfo {
  id: string
  name_zh: string
  name_en: string
  subject: RuleSubject
  unit: string
  unit_label_zh: string
  unit_label_en: string
  /** records: derived from the registry (a declared fact overrides it); declared: only declared. */
  source: 'records' | 'declared'
  declarable: boolean
}

/** A fact a carrier declared (GET/PUT /carriers/{id}/facts); booleans are 1 / 0, money in yuan. */
export interface CarrierFact {
  carrier_id: number
  indicator: string
  as_of: string
  value: number
  source_note: string
  updated_at: string
  updated_by: string
}

export interface FactInput {
  indicator: string
  /** null removes the fact of that date. */
  value: number | boolean | null
  as_of: string
  source_note?: string
}

/** One entry of the provisional hardship-area county list (GET/PUT /hardship-counties). */
export interface HardshipCounty {
  region_code: string
  name?: string
  note: string
  provisional: boolean
}

export const standardsApi = {
  hardshipCounties: {
    list: () => http.get<Page<HardshipCounty>>('/hardship-counties'),
    put: (counties: Omit<HardshipCounty, 'name'>[]) =>
      request<Page<HardshipCounty>>('PUT', '/hardship-counties', { body: { counties } }),
  },
  indicators: {
    list: (q: { subject?: RuleSubject; source?: 'records' | 'declared' } = {}) => http.get<Page<IndicatorInfo>>('/indicators', q),
  },
  facts: {
    get: (carrierId: Id) => http.get<Page<CarrierFact>>(`/carriers/${enc(carrierId)}/facts`),
    put: (carrierId: Id, facts: FactInput[]) =>
      request<Page<CarrierFact>>('PUT', `/carriers/${enc(carrierId)}/facts`, { body: { facts } }),
  },
  ruleSets: {
    list: (q: { kind?: string; subject?: string } = {}) => http.get<Page<RuleSetHeader>>('/rule-sets', q),
    get: (id: string) => http.get<RuleSet>(`/rule-sets/${enc(id)}`),
    version: (id: string, v: number) => http.get<RuleSet>(`/rule-sets/${enc(id)}/versions/${v}`),
    diff: (id: string, from?: number, to?: number) => http.get<RuleSetDiff>(`/rule-sets/${enc(id)}/diff`, { from, to }),
    upload: (fileName: string, text: string) =>
      http.post<RuleSet>('/rule-sets', undefined, { query: { file_name: fileName }, text, contentType: 'application/toml' }),
    editParameters: (id: string, version: number, parameters: Record<string, number | boolean>) =>
      http.patch<RuleSet>(`/rule-sets/${enc(id)}/parameters`, { version, parameters }),
  },
  verdicts: {
    evaluate: (body: EvaluateInput) => http.post<Verdict>('/verdicts', body),
    list: (q: Query) => http.get<Page<Verdict>>('/verdicts', q),
    get: (id: Id) => http.get<Verdict>(`/verdicts/${enc(id)}`),
  },
  cultivation: {
    nextTier: (carrierId: Id, asOf?: string) => http.get<NextTier>(`/carriers/${enc(carrierId)}/next-tier`, { as_of: asOf }),
    candidates: (q: Query) => http.get<Page<Candidate>>('/cultivation/candidates', q),
    alerts: (q: Query) => http.get<Page<CultivationAlert>>('/cultivation/alerts', q),
  },
}
