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
