// Audit API: the audit log.
import { http, type Query } from './http'
import type { AuditEntry, Page } from './types'

export const auditApi = {
  audit: {
    list: (q: Query) => http.get<Page<AuditEntry>>('/audit', q),
  },
}
