// Thin fetch wrapper for the IncuNet API (/api/v1).
// - Sends Accept-Language following the console language, so server messages come back in it.
// - Sends X-CSRF-Token on every mutating request (the session itself is an HttpOnly cookie).
// - Turns every non-2xx answer into an ApiError that carries the server's code, message and details.

import type { Page } from './types'

export const API_BASE = '/api/v1'

export interface ApiErrorBody {
  code: string
  message: string
  details?: Record<string, unknown>
  request_id?: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown>
  readonly requestId: string | undefined

  constructor(status: number, body: ApiErrorBody) {
    super(body.message || body.code)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.details = body.details ?? {}
    this.requestId = body.request_id
  }

  /** The field the server blamed, if any (details.field). */
  get field(): string | undefined {
    const f = this.details.field
    return typeof f === 'string' ? f : undefined
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

interface HttpHooks {
  language: () => string
  csrfToken: () => string | null
  onUnauthorized: (path: string) => void
  networkErrorMessage: () => string
}

let hooks: HttpHooks = {
  language: () => 'zh-CN',
  csrfToken: () => null,
  onUnauthorized: () => {},
  networkErrorMessage: () => 'Network error',
}

/** Wires the wrapper to the i18n and auth stores; called once from main.ts. */
export function configureHttp(h: HttpHooks): void {
  hooks = h
}

export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** A text body sent as is (e.g. a TOML rule file), with this Content-Type (default text/plain). */
  text?: string
  /** A raw request body (a file) sent as is with `contentType`, instead of JSON. */
  raw?: Blob
  contentType?: string
  /** Do not run the global 401 handler (used by /auth/me and /auth/login). */
  quiet401?: boolean
  signal?: AbortSignal
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.language(),
  }
  if (opts.text !== undefined) headers['Content-Type'] = opts.contentType ?? 'text/plain'
  else if (opts.raw !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/octet-stream'
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD') {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  let res: Response
  try {
    res = await fetch(API_BASE + path + buildQuery(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        opts.text !== undefined
          ? opts.text
          : opts.raw !== undefined
            ? opts.raw
            : opts.body !== undefined
              ? JSON.stringify(opts.body)
              : undefined,
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, { code: 'network_error', message: hooks.networkErrorMessage() })
  }

  const text = await res.text()
  let data: unknown = undefined
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
  }

  if (!res.ok) {
    const body = (data as { error?: ApiErrorBody } | undefined)?.error
    const err = new ApiError(
      res.status,
      body && typeof body.code === 'string'
        ? body
        : { code: `http_${res.status}`, message: `HTTP ${res.status} ${res.statusText}`.trim() },
    )
    if (res.status === 401 && !opts.quiet401) hooks.onUnauthorized(path)
    throw err
  }
  return data as T
}

export const http = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, opts: RequestOptions = {}) =>
    request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

/** Best human message for anything thrown by the API layer. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error) return e.message
  return String(e)
}

/** A record id as the console holds it (numbers from the API, strings from route params). */
export type Id = number | string
export const enc = (id: Id) => encodeURIComponent(String(id))

/** Fetches every page of a (short) list: region children, a cluster's members. */
export async function allPages<T>(path: string, q: Query, maxPages = 50): Promise<T[]> {
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
export function asItems<T>(data: Page<T> | T[]): T[] {
  return Array.isArray(data) ? data : (data?.items ?? [])
}
