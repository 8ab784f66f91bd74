// One function per API v1 endpoint used by the console.
import { http, request, type Query } from './http'
import { standardsApi } from './standards'
import type {
  AuditEntry,
  Carrier,
  CarrierInput,
  AnnualReturn,
  Cluster,
  ConsentGrant,
  ConsentInput,
  Enterprise,
  EnterpriseInput,
  Health,
  ImportJob,
  Incubation,
  IncubationState,
  Page,
  Recognition,
  Region,
  ReturnCatalogue,
  ReturnChange,
  ReturnPatch,
  ReturnReview,
  RegionDetail,
  Session,
  StatsByRegion,
  StatsFunnel,
  StatsSeries,
  StatsSummary,
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
    changePassword: (old_password: string, new_password: string) =>
      http.post<{ status: string }>('/auth/password', { old_password, new_password }),
    createToken: (label: string, days: number) =>
      http.post<{ token: string; label: string; days: number }>('/auth/tokens', { label, days }),
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
      enterprise_ids?: Id[]
    }) => http.post<User & { initial_password?: string }>('/users', body),
    grant: (
      id: Id,
      body: { role?: string; scope_region?: string | null; carrier_ids?: Id[]; enterprise_ids?: Id[] },
    ) => http.post<User>(`/users/${enc(id)}/grant`, body),
    disable: (id: Id) => http.post<User>(`/users/${enc(id)}/disable`, {}),
    resetPassword: (id: Id) => http.post<User & { initial_password: string }>(`/users/${enc(id)}/reset-password`, {}),
  },

  returns: {
    catalogue: () => http.get<ReturnCatalogue>('/annual-returns/catalogue'),
    list: (q: Query) => http.get<Page<AnnualReturn>>('/annual-returns', q),
    get: (id: Id) => http.get<AnnualReturn>(`/annual-returns/${enc(id)}`),
    create: (carrier_id: Id, year: number) => http.post<AnnualReturn>('/annual-returns', { carrier_id: Number(carrier_id), year }),
    update: (id: Id, body: ReturnPatch) => http.patch<AnnualReturn>(`/annual-returns/${enc(id)}`, body),
    submit: (id: Id) => http.post<AnnualReturn>(`/annual-returns/${enc(id)}/submit`, {}),
    approve: (id: Id, comment: string) =>
      http.post<AnnualReturn>(`/annual-returns/${enc(id)}/approve`, comment ? { comment } : {}),
    sendBack: (id: Id, reason: string) => http.post<AnnualReturn>(`/annual-returns/${enc(id)}/return`, { reason }),
    reopen: (id: Id, until: string, reason: string) =>
      http.post<AnnualReturn>(`/annual-returns/${enc(id)}/reopen`, { until, reason }),
    reviews: (id: Id) => http.get<{ items: ReturnReview[] }>(`/annual-returns/${enc(id)}/reviews`).then((r) => r.items ?? []),
    history: (id: Id) => http.get<{ items: ReturnChange[] }>(`/annual-returns/${enc(id)}/history`).then((r) => r.items ?? []),
    exportUrl: (id: Id, form: 'carrier' | 'incubatees') => `/api/v1/annual-returns/${enc(id)}/export.xlsx?form=${form}`,
    printUrl: (id: Id) => `/api/v1/annual-returns/${enc(id)}/print`,
  },

  stats: {
    summary: (q: { region?: string; as_of?: string }) => http.get<StatsSummary>('/stats/summary', q),
    byRegion: (q: { parent?: string; as_of?: string }) => http.get<StatsByRegion>('/stats/by-region', q),
    funnel: (q: { region?: string; as_of?: string }) => http.get<StatsFunnel>('/stats/funnel', q),
    series: (q: { region?: string }) => http.get<StatsSeries>('/stats/series', q),
    exportUrl: (region: string, asOf: string) =>
      `/api/v1/stats/export.xlsx?region=${encodeURIComponent(region)}&as_of=${encodeURIComponent(asOf)}`,
  },

  io: {
    /** Starts an import job with the CSV file as the request body (docs/api/io.md). */
    startImport: (entity: string, file: Blob, skipBad: boolean, fileName: string) =>
      request<ImportJob>('POST', '/imports', {
        query: { entity, skip_bad: skipBad, file_name: fileName },
        raw: file,
        contentType: 'text/csv',
      }),
    job: (id: Id, q: { limit?: number; cursor?: string } = {}) => http.get<ImportJob>(`/imports/${enc(id)}`, q),
    /** The caller's import jobs, newest first (all jobs for the national admin). */
    jobs: (q: { limit?: number; cursor?: string } = {}) => http.get<Page<ImportJob>>('/imports', q),
    templateUrl: (entity: string) => `/api/v1/imports/templates/${encodeURIComponent(entity)}.csv`,
    exportUrl: (entity: string, ext: 'csv' | 'xlsx', region: string) =>
      `/api/v1/exports/${encodeURIComponent(entity)}.${ext}${region ? `?region=${encodeURIComponent(region)}` : ''}`,
  },

  consents: {
    list: (q: Query) => http.get<Page<ConsentGrant>>('/consents', q),
    create: (body: ConsentInput) => http.post<ConsentGrant>('/consents', body),
    revoke: (id: Id) => http.post<ConsentGrant>(`/consents/${enc(id)}/revoke`, {}),
  },

  audit: {
    list: (q: Query) => http.get<Page<AuditEntry>>('/audit', q),
  },

  ...standardsApi,
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
