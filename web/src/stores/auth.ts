import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { Session, User } from '@/api/types'

const CSRF_KEY = 'incunet.csrf'

/** The signed-in user and the CSRF token of the cookie session (kept in sessionStorage across reloads). */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(sessionStorage.getItem(CSRF_KEY))
  /** True once /auth/me has answered in this page load. */
  const checked = ref(false)

  const isAdmin = computed(() => user.value?.role === 'national_admin')
  const isRegionAdmin = computed(() => user.value?.role === 'region_admin')
  /** /auth/me names the data scope under user.scope; user records carry the lists at the top level. */
  const scopeList = (key: 'carrier_ids' | 'enterprise_ids') =>
    computed(() => {
      const fromScope = user.value?.scope?.[key]
      return (Array.isArray(fromScope) ? fromScope : (user.value?.[key] ?? [])).map((id) => String(id))
    })
  const carrierIds = scopeList('carrier_ids')
  const enterpriseIds = scopeList('enterprise_ids')
  /** Region prefix of a region admin's scope. */
  const scopeRegion = computed(() => {
    const r = user.value?.scope?.region ?? user.value?.scope_region
    return typeof r === 'string' ? r : ''
  })

  function apply(session: Session): void {
    user.value = session.user
    csrfToken.value = session.csrf_token ?? csrfToken.value
    if (csrfToken.value) sessionStorage.setItem(CSRF_KEY, csrfToken.value)
    checked.value = true
  }

  function clear(): void {
    user.value = null
    csrfToken.value = null
    sessionStorage.removeItem(CSRF_KEY)
  }

  async function login(login: string, password: string): Promise<void> {
    apply(await api.auth.login(login, password))
  }

  /** Resolves to true when a session exists; false on 401. Other errors propagate. */
  async function restore(): Promise<boolean> {
    if (checked.value && user.value) return true
    try {
      apply(await api.auth.me())
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        clear()
        checked.value = true
        return false
      }
      throw e
    }
  }

  async function logout(): Promise<void> {
    try {
      await api.auth.logout()
    } finally {
      clear()
    }
  }

  return { user, csrfToken, checked, isAdmin, isRegionAdmin, carrierIds, enterpriseIds, scopeRegion, login, restore, logout, clear }
})
