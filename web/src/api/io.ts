// Import and export API (docs/api/imports.md): import jobs, templates and exports.
import { enc, http, request, type Id } from './http'
import type { ImportJob, Page } from './types'

export const ioApi = {
  io: {
    /** Starts an import job with the CSV file as the request body (docs/api/imports.md). */
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
}
