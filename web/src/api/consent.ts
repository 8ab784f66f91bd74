// Consent API: data-sharing grants.
import { enc, http, type Id, type Query } from './http'
import type { ConsentGrant, ConsentInput, Page } from './types'

export const consentApi = {
  consents: {
    list: (q: Query) => http.get<Page<ConsentGrant>>('/consents', q),
    create: (body: ConsentInput) => http.post<ConsentGrant>('/consents', body),
    revoke: (id: Id) => http.post<ConsentGrant>(`/consents/${enc(id)}/revoke`, {}),
  },
}
