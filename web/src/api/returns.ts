// Annual returns API (docs/api/annual-returns.md): the catalogue, returns, their workflow and trail.
import { enc, http, type Id, type Query } from './http'
import type { AnnualReturn, Page, ReturnCatalogue, ReturnChange, ReturnPatch, ReturnReview } from './types'

export const returnsApi = {
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
}
