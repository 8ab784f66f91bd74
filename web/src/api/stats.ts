// Statistics API (docs/api/stats.md): figures by region, funnel, series and the workbook export.
import { http } from './http'
import type { StatsByRegion, StatsFunnel, StatsSeries, StatsSummary } from './types'

export const statsApi = {
  stats: {
    summary: (q: { region?: string; as_of?: string }) => http.get<StatsSummary>('/stats/summary', q),
    byRegion: (q: { parent?: string; as_of?: string }) => http.get<StatsByRegion>('/stats/by-region', q),
    funnel: (q: { region?: string; as_of?: string }) => http.get<StatsFunnel>('/stats/funnel', q),
    series: (q: { region?: string }) => http.get<StatsSeries>('/stats/series', q),
    exportUrl: (region: string, asOf: string) =>
      `/api/v1/stats/export.xlsx?region=${encodeURIComponent(region)}&as_of=${encodeURIComponent(asOf)}`,
  },
}
