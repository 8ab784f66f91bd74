// Registry API: regions, carriers, clusters, enterprises and incubations.
import { allPages, asItems, enc, http, type Id, type Query } from './http'
import type {
  Carrier,
  CarrierInput,
  Cluster,
  Enterprise,
  EnterpriseInput,
  Incubation,
  IncubationState,
  Page,
  Recognition,
  Region,
  RegionDetail,
} from './types'

export const registryApi = {
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
}
