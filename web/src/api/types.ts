// Shapes of the IncuNet API v1 resources (snake_case, as on the wire).

export interface Page<T> {
  items: T[]
  next_cursor: string | null
  total: number
}

export type Role =
  | 'national_admin'
  | 'region_admin'
  | 'carrier_operator'
  | 'enterprise_member'
  | 'investor'
  | 'expert'

export const ROLES: Role[] = [
  'national_admin',
  'region_admin',
  'carrier_operator',
  'enterprise_member',
  'investor',
  'expert',
]

export interface User {
  id: number | string
  login: string
  display_name: string
  role: Role
  scope?: Record<string, unknown>
  scope_region?: string | null
  carrier_ids?: Array<number | string>
  enterprise_ids?: Array<number | string>
  status?: string
  created_at?: string
}

export interface Session {
  user: User
  csrf_token: string
}

export interface Health {
  status: string
  version: string
  db: string
}

export type RegionLevel = 'province' | 'city' | 'county' | 'zone' | 'country'

export interface Region {
  code: string
  name: string
  name_en: string
  level: RegionLevel
  parent_code: string | null
  has_children: boolean
  /** comma-separated, e.g. "county_less" for a city without county-level units */
  flags?: string
}

export interface RegionDetail extends Region {
  ancestors: Region[]
}

export type CarrierKind = 'incubator' | 'makerspace' | 'accelerator' | 'university_park' | 'industrial_park'
export const CARRIER_KINDS: CarrierKind[] = [
  'incubator',
  'makerspace',
  'accelerator',
  'university_park',
  'industrial_park',
]

export type Tier = 'none' | 'provincial' | 'national' | 'standard' | 'excellence'
export const TIERS: Tier[] = ['none', 'provincial', 'national', 'standard', 'excellence']

export type RecognitionLevel = 'provincial' | 'national' | 'standard' | 'excellence' | 'makerspace_filing'
export const RECOGNITION_LEVELS: RecognitionLevel[] = [
  'provincial',
  'national',
  'standard',
  'excellence',
  'makerspace_filing',
]

export interface Recognition {
  id?: number | string
  authority: string
  level: RecognitionLevel
  valid_from: string
  valid_to: string | null
  document_no: string
}

export interface OverseasSite {
  country_code: string
  city: string
}

export type Specialization = 'general' | 'specialized'

export interface Carrier {
  id: number | string
  code: string
  kind: CarrierKind
  name: string
  operator_uscc: string
  region_code: string
  region_name: string
  zone_code: string | null
  address: string
  founded_on: string
  specialization: Specialization
  industry: string | null
  area_total_m2: number
  area_self_controlled_m2: number
  area_incubatee_m2: number
  area_public_service_m2: number
  tier: Tier
  recognitions: Recognition[]
  overseas_sites: OverseasSite[]
  cluster_ids: Array<number | string>
  version: number
  created_at: string
  updated_at: string
}

/** Body of POST /carriers and PATCH /carriers/{id} (PATCH adds "version"). */
export interface CarrierInput {
  kind: CarrierKind
  name: string
  operator_uscc: string
  region_code: string
  zone_code: string | null
  address: string
  founded_on: string
  specialization: Specialization
  industry: string | null
  area_total_m2: number
  area_self_controlled_m2: number
  area_incubatee_m2: number
  area_public_service_m2: number
  recognitions?: Recognition[]
  overseas_sites?: OverseasSite[]
  version?: number
}

export interface Cluster {
  id: number | string
  name: string
  region_code: string
  carrier_ids: Array<number | string>
}

export type QualificationKind = 'high_tech' | 'tech_sme' | 'srdi' | 'little_giant' | 'gazelle'
export const QUALIFICATION_KINDS: QualificationKind[] = ['high_tech', 'tech_sme', 'srdi', 'little_giant', 'gazelle']

export type Board = 'star' | 'chinext' | 'main' | 'bse' | 'neeq' | 'regional' | 'overseas'
export const BOARDS: Board[] = ['star', 'chinext', 'main', 'bse', 'neeq', 'regional', 'overseas']

export interface Qualification {
  kind: QualificationKind
  valid_from: string
  valid_to: string | null
}

export interface Listing {
  board: Board
  code: string
  listed_on: string
}

export interface Enterprise {
  id: number | string
  name: string
  uscc: string | null
  is_team: boolean
  founded_on: string | null
  region_code: string
  industry: string | null
  domains: string[]
  employees: number
  qualifications: Qualification[]
  listings: Listing[]
  version: number
}

export interface EnterpriseInput {
  name: string
  uscc: string | null
  is_team: boolean
  founded_on: string | null
  region_code: string
  industry: string | null
  domains: string[]
  employees: number
  qualifications: Qualification[]
  listings: Listing[]
  version?: number
}

export type IncubationState = 'applied' | 'admitted' | 'incubating' | 'graduated' | 'exited'
export const INCUBATION_STATES: IncubationState[] = ['applied', 'admitted', 'incubating', 'graduated', 'exited']

export interface Incubation {
  id: number | string
  enterprise_id: number | string
  enterprise_name: string
  carrier_id: number | string
  carrier_name: string
  state: IncubationState
  applied_on: string
  admitted_on: string | null
  started_on: string | null
  ended_on: string | null
  space_m2: number
  transferred_from_id: number | string | null
  version: number
}

export interface AuditEntry {
  id: number | string
  at: string
  actor: string
  action: string
  subject_type: string
  subject_id: string | number
  before: unknown
  after: unknown
  request_id: string
  hash: string
}

export const CONSENT_PARTS = ['profile', 'financials', 'needs', 'return_figures'] as const
export type ConsentPart = (typeof CONSENT_PARTS)[number]
export type GranteeKind = 'user' | 'carrier' | 'region'

export interface ConsentInput {
  enterprise_id: number | string
  grantee_kind: GranteeKind
  grantee: string
  parts: ConsentPart[]
  valid_from: string
  valid_to: string
}

export interface ConsentGrant extends ConsentInput {
  id: number
  revoked_at: string | null
  created_by: string | number
  created_at: string
}

// Annual statistical returns (docs/api/annual-returns.md). Money is integer fen.
export type ReturnStatus = 'draft' | 'submitted' | 'returned' | 'accepted'
export const RETURN_STATUSES: ReturnStatus[] = ['draft', 'submitted', 'returned', 'accepted']
export type ReturnFieldType = 'text' | 'date' | 'bool' | 'money' | 'area' | 'count'
export type ReturnValue = string | number | boolean | null

export interface ReturnField {
  code: string
  name_zh: string
  name_en: string
  type: ReturnFieldType
  unit_zh?: string
  unit_en?: string
  section: string
  official: boolean
  may_be_negative: boolean
}

export interface ReturnSection {
  id: string
  name_zh: string
  name_en: string
}

export interface ReturnCatalogue {
  forms: Record<'carrier' | 'incubatee', { sections: ReturnSection[]; fields: ReturnField[] }>
  checks: Array<{ id: string; severity: string; message_zh: string; message_en: string }>
  money_unit: { stored: string; shown_zh: string; shown_en: string; fen_per_shown: number }
}

export interface ReturnFinding {
  check_id: string
  severity: 'error' | 'warning'
  key: string
  row_id: number | null
  field: string | null
  message_zh: string
  message_en: string
  explained: boolean
}

export interface AnnualReturn {
  id: number
  carrier_id: number
  carrier_name: string
  region_code: string
  year: number
  kind: string
  status: ReturnStatus
  pending_level: string | null
  pending_prefix: string | null
  review_path?: Array<{ level: string; region_prefix: string }>
  reopened_until: string | null
  version: number
  created_at: string
  updated_at: string
  submitted_at: string | null
  accepted_at: string | null
  values?: Record<string, ReturnValue>
  incubatees?: Array<{ row_id: number; values: Record<string, ReturnValue> }>
  explanations?: Record<string, string>
  findings?: ReturnFinding[]
  has_last_year?: boolean
  submittable?: boolean
}

export interface ReturnPatch {
  version: number
  values?: Record<string, ReturnValue>
  /** Incubatee rows to add or change (only the given codes), or to remove. */
  incubatees?: Array<{ row_id: number; values?: Record<string, ReturnValue>; remove?: boolean }>
  explanations?: Record<string, string | null>
}

export interface ReturnReview {
  id: number
  decision: 'submit' | 'approve' | 'accept' | 'return' | 'reopen'
  level: string
  region_prefix: string
  reason: string | null
  actor_login: string
  at: string
}

export interface ReturnChange {
  row_id: number
  code: string
  old_value: string | null
  new_value: string | null
  actor_login: string
  at: string
}

// Statistics (docs/api/stats.md)
export interface StatsFigures {
  carriers: { total: number; makerspace_filed: number; by_kind: Record<string, number>; by_tier: Record<string, number> }
  coverage: { covered_units: number; units: number; ratio: number }
  tech_enterprises_cumulative: number
  incubatees: number
  teams: number
  incubatees_and_teams: number
  jobs: number
  listed_incubated: number
  star: { incubated: number; all: number; share: number }
  events: { year: number; count: number; previous_year_count: number }
  overseas_countries: number
  earliest_founding_year: number | null
}
export interface StatsRegion {
  code: string
  name: string
  name_en: string
  level: string
}
export interface StatsSummary {
  region: StatsRegion
  as_of: string
  figures: StatsFigures
  yoy: Record<string, number | null>
}
export interface StatsByRegion {
  parent: StatsRegion
  as_of: string
  items: Array<{ region: StatsRegion; figures: StatsFigures }>
}
export interface StatsFunnel {
  region: StatsRegion
  as_of: string
  stages: Array<{ stage: string; count: number; of_admitted: number; of_previous: number }>
}
export interface StatsSeries {
  region: StatsRegion
  points: Array<{ as_of: string; figures: StatsFigures }>
}

// Bulk import jobs (src/http/io/routes.cpp)
export interface ImportRowError {
  row: number
  line: number
  column: string
  value: string
  code: string
  message_zh: string
  message_en: string
}
export type ImportStatus = 'queued' | 'importing' | 'succeeded' | 'failed'
export interface ImportJob {
  id: number
  entity: string
  status: ImportStatus
  skip_bad: boolean
  actor: string
  file_name: string
  file_sha256: string
  encoding: string
  bytes_total: number
  bytes_done: number
  progress: number
  counts: { rows: number; inserted: number; updated: number; unchanged: number; rejected: number }
  errors_total: number
  warnings_total: number
  message_zh: string
  message_en: string
  created_at: string
  finished_at: string | null
  errors?: Page<ImportRowError>
}
