// System API: health.
import { http } from './http'
import type { Health } from './types'

export const systemApi = {
  health: () => http.get<Health>('/health'),
}
