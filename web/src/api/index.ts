// One function per API v1 endpoint used by the console.
import { http, type Query } from './http'
import type {
  AuditEntry,
  Carrier,
  CarrierInput,
  Cluster,
  Enterprise,
  EnterpriseInput,
  Health,
  Incubation,
  IncubationState,
  Page,
  Recognition,
  Region,
  RegionDetail,
  Session,
  User,
} from './types'

type Id = number | string
const enc = (id: Id) => encodeURIComponent(String(id))

export const api = {
  health: () => http.get<Health>('/health'),

  auth: {
    login: (login: string, password: string) =>
      http.post<Session>('/auth/login', { login, password }, { quiet401: true }),
    me: () => http.get<Session>('/auth/me', undefined, { quiet401: true }),
    logout: () => http.post<unknown>('/auth/logout', {}, { quiet401: true }),
  },

  regions: {
    /** Children of a region (no parent and no level → provinces), following every page. */
    list: (q: { parent?: string; level?: string; q?: string } = {}) => allPages<Region>('/regions', q),
    /** One page of a search by name (for pickers). */
    search: (q: string, limit = 20) => http.get<Page<Region>>('/regions', { q, limit }).then(asItems),
    get: (code: string) => http.get<RegionDetail>(`/regions/${enc(code)}`),
  },

  carriers: {
    list: (q: Query) => http.get<Page<Carrier>>('/carriers', q),
    get: (id: Id) => http.get<Carrier>(`/carriers/${enc(id)}`),
    create: (body: CarrierInput) => http.post<Carrier>('/carriers', body),
    update: (id: Id, body: Partial<CarrierInput> & { version: number }) =>
      http.patch<Carrier>(`/carriers/${enc(id)}`, body),
    addRecognition: (id: Id, body: Recognition) =>
      http.post<Recognition>(`/carriers/${enc(id)}/recognitions`, body),
  },

  clusters: {
    list: (q: Query = {}) => http.get<Page<Cluster>>('/clusters', q),
    get: (id: Id) => http.get<Cluster>(`/clusters/${enc(id)}`),
  },

  enterprises: {
    list: (q: Query) => http.get<Page<Enterprise>>('/enterprises', q),
    get: (id: Id) => http.get<Enterprise>(`/enterprises/${enc(id)}`),
    create: (body: EnterpriseInput) => http.post<Enterprise>('/enterprises', body),
    update: (id: Id, body: Partial<EnterpriseInput> & { version: number }) =>
      http.patch<Enterprise>(`/enterprises/${enc(id)}`, body),
    incubations: (id: Id) =>
      http.get<Page<Incubation> | Incubation[]>(`/enterprises/${enc(id)}/incubations`).then(asItems),
  },

  incubations: {
    list: (q: Query) => http.get<Page<Incubation>>('/incubations', q),
    create: (body: { enterprise_id: Id; carrier_id: Id; applied_on: string; space_m2: number }) =>
      http.post<Incubation>('/incubations', body),
    transition: (id: Id, to: Exclude<IncubationState, 'applied'>, on: string) =>
      http.post<Incubation>(`/incubations/${enc(id)}/transitions`, { to, on }),
    transfer: (id: Id, carrierId: Id, on: string) =>
      http.post<Incubation>(`/incubations/${enc(id)}/transfer`, { carrier_id: carrierId, on }),
  },

  users: {
    list: (q: Query) => http.get<Page<User>>('/users', q),
    create: (body: {
      login: string
      display_name: string
      role: string
      scope_region: string | null
      carrier_ids: Id[]
    }) => http.post<User & { initial_password?: string }>('/users', body),
  },

  audit: {
    list: (q: Query) => http.get<Page<AuditEntry>>('/audit', q),
  },
}

/** Fetches every page of a (short) list: region children, a cluster's members. */
async function allPages<T>(path: string, q: Query, maxPages = 50): Promise<T[]> {
  const out: T[] = []
  let cursor: string | null = null
  for (let i = 0; i < maxPages; i++) {
    const data: Page<T> | T[] = await http.get<Page<T> | T[]>(path, { ...q, limit: 200, cursor })
    if (Array.isArray(data)) return data
    out.push(...(data.items ?? []))
    cursor = data.next_cursor
    if (!cursor) break
  }
  return out
}

/** Accepts either a list envelope or a bare array (sub-collections). */
function asItems<T>(data: Page<T> | T[]): T[] {
  return Array.isArray(data) ? data : (data?.items ?? [])
}
