// Shapes of the IncuNet API v1 resources (snake_case, as on the wire). The resources are the
// schemas of the OpenAPI document, generated into schema.gen.ts by scripts/build-web.sh
// (openapi-typescript): a change to the server's contract that the console does not follow fails
// the console's type check. What stays written here is the console's own: form models, the
// option lists its selects show, and identity (the login answer and the account list share a
// view-model).
import type { components, operations } from './schema.gen'

type S = components['schemas']

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

export type Health = operations['getHealth']['responses'][200]['content']['application/json']

export type RegionLevel = 'province' | 'city' | 'county' | 'zone' | 'country'

export type Region = S['Region']

export type RegionDetail = S['RegionWithAncestors']

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

// The form edits recognitions before the server has given them an id.
export type Recognition = Required<S['RecognitionInput']> & { id?: number }

export interface OverseasSite {
  country_code: string
  city: string
}

export type Specialization = 'general' | 'specialized'

export type Carrier = S['Carrier']

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

export type Cluster = S['Cluster']

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

export type Enterprise = S['Enterprise']

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

export type Incubation = S['Incubation']

export type AuditEntry = S['AuditRecord']

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

export type ConsentGrant = S['ConsentGrant']

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

export type ReturnCatalogue = S['ReturnCatalogue']

export type ReturnFinding = S['AnnualReturn']['findings'][number]

// The forms are drawn from the catalogue at run time, so the console reads values by code.
export type AnnualReturn = Omit<S['AnnualReturn'], 'values' | 'incubatees'> & {
  values: Record<string, ReturnValue>
  incubatees: Array<{ row_id: number; values: Record<string, ReturnValue> }>
}

export interface ReturnPatch {
  version: number
  values?: Record<string, ReturnValue>
  /** Incubatee rows to add or change (only the given codes), or to remove. */
  incubatees?: Array<{ row_id: number; values?: Record<string, ReturnValue>; remove?: boolean }>
  explanations?: Record<string, string | null>
}

export type ReturnReview = S['ReviewEvents']['items'][number]

export type ReturnChange = S['ValueChanges']['items'][number]

// Statistics (docs/api/stats.md)
export type StatsFigures = S['Figures']
export type StatsRegion = S['StatsRegion']
export type StatsSummary = S['StatsSummary']
export type StatsByRegion = S['StatsBreakdown']
export type StatsFunnel = S['StatsFunnel']
export type StatsSeries = S['StatsSeries']

// Bulk import jobs (src/http/io/routes.cpp)
export type ImportRowError = S['ImportRowError']
export type ImportStatus = 'queued' | 'importing' | 'succeeded' | 'failed'
// A job as listed, or as read by id with its first page of row errors.
export type ImportJob = S['ImportJob'] & { errors?: S['ImportJobWithErrors']['errors'] }
