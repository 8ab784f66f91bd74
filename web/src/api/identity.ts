// Identity API: sessions, passwords, API tokens and users.
import { enc, http, type Id, type Query } from './http'
import type { Page, Session, User } from './types'

export const identityApi = {
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
}
