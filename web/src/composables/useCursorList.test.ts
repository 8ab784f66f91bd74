import { describe, expect, it } from 'vitest'
import type { Query } from '@/api/http'
import type { Page } from '@/api/types'
import { useCursorList } from './useCursorList'

/** A list of n numbers served in pages, the cursor being the index of the page's first item. */
function server(n: number) {
  const calls: Query[] = []
  const fetcher = async (q: Query): Promise<Page<number>> => {
    calls.push(q)
    const from = q.cursor ? Number(q.cursor) : 0
    const limit = Number(q.limit)
    const items = Array.from({ length: Math.max(0, Math.min(limit, n - from)) }, (_, i) => from + i)
    return { items, total: n, next_cursor: from + limit < n ? String(from + limit) : null }
  }
  return { fetcher, calls }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('useCursorList', () => {
  it('loads the first page with the filters, the limit and no cursor', async () => {
    const s = server(45)
    const list = useCursorList(s.fetcher, () => ({ region: '11' }), 20)
    await list.load()
    expect(s.calls[0]).toEqual({ region: '11', limit: 20, cursor: null })
    expect(list.items.value).toHaveLength(20)
    expect(list.total.value).toBe(45)
    expect(list.page.value).toBe(1)
    expect(list.pageCount.value).toBe(3)
    expect(list.hasPrev.value).toBe(false)
    expect(list.hasNext.value).toBe(true)
  })

  it('goes forward with next_cursor and back to the cursors already seen', async () => {
    const s = server(45)
    const list = useCursorList(s.fetcher, () => ({}), 20)
    await list.load()
    list.next()
    await settle()
    expect(list.items.value[0]).toBe(20)
    list.next()
    await settle()
    expect(list.items.value).toEqual([40, 41, 42, 43, 44])
    expect(list.page.value).toBe(3)
    expect(list.hasNext.value).toBe(false)
    list.next() // nothing after the last page
    await settle()
    expect(s.calls).toHaveLength(3)
    list.prev()
    await settle()
    expect(s.calls[3]?.cursor).toBe('20')
    expect(list.page.value).toBe(2)
    list.prev()
    await settle()
    expect(s.calls[4]?.cursor).toBeNull()
    list.prev() // nothing before the first page
    await settle()
    expect(s.calls).toHaveLength(5)
  })

  it('goes back to the first page on reset and on a new page size', async () => {
    const s = server(100)
    const list = useCursorList(s.fetcher, () => ({}), 20)
    await list.load()
    list.next()
    await settle()
    list.setLimit(50)
    await settle()
    expect(s.calls.at(-1)).toEqual({ limit: 50, cursor: null })
    expect(list.page.value).toBe(1)
    expect(list.pageCount.value).toBe(2)
    list.next()
    await settle()
    await list.reset()
    expect(list.page.value).toBe(1)
    expect(list.items.value[0]).toBe(0)
  })

  it('drops an answer that a later request overtook', async () => {
    const pending: Array<(p: Page<string>) => void> = []
    const list = useCursorList<string>(() => new Promise((resolve) => pending.push(resolve)), () => ({}))
    const first = list.load()
    const second = list.load()
    pending[1]!({ items: ['new'], total: 1, next_cursor: null })
    await second
    pending[0]!({ items: ['old'], total: 1, next_cursor: null })
    await first
    expect(list.items.value).toEqual(['new'])
    expect(list.loading.value).toBe(false)
  })

  it('keeps the error and empties the page when the fetch fails', async () => {
    const boom = new Error('boom')
    const list = useCursorList<number>(async () => Promise.reject(boom), () => ({}))
    await list.load()
    expect(list.error.value).toBe(boom)
    expect(list.items.value).toEqual([])
    expect(list.total.value).toBe(0)
    expect(list.hasNext.value).toBe(false)
    expect(list.loading.value).toBe(false)
  })

  it('gives CursorPager its props and listeners in one object that follows the list', async () => {
    const s = server(45)
    const list = useCursorList(s.fetcher, () => ({}), 20)
    await list.load()
    expect(list.pager).toMatchObject({ total: 45, page: 1, pageCount: 3, hasPrev: false, hasNext: true, limit: 20, loading: false })
    list.pager.onNext()
    expect(list.pager.loading).toBe(true)
    await settle()
    expect(list.pager).toMatchObject({ page: 2, hasPrev: true, loading: false })
    list.pager.onLimit(50)
    await settle()
    expect(list.pager).toMatchObject({ page: 1, limit: 50, pageCount: 1 })
    list.pager.onPrev() // already on the first page
    await settle()
    expect(list.pager.page).toBe(1)
  })
})
