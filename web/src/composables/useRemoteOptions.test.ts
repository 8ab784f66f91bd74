import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Page } from '@/api/types'
import { useRemoteOptions } from './useRemoteOptions'
import { withSetup } from './withSetup'

type Row = { id: number | string; name: string }
const page = (...items: Row[]): Page<Row> => ({ items, total: items.length, next_cursor: null })
const settle = () => new Promise((r) => setTimeout(r, 0))

/** A promise the test settles itself, to finish requests in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

function setup(
  list: (q: string) => Promise<Page<Row>>,
  get: (id: number | string) => Promise<Row> = async (id) => ({ id, name: `#${id}` }),
  selected: () => number | string | null = () => null,
) {
  const spies = { list: vi.fn(list), get: vi.fn(get) }
  const { result } = withSetup(() => useRemoteOptions<Row>(spies.list, spies.get, selected))
  return { ...result, ...spies }
}

describe('useRemoteOptions', () => {
  it('searches with an empty query on mount and offers the first page', async () => {
    const s = setup(async () => page({ id: 1, name: '甲' }, { id: 2, name: '乙' }))
    expect(s.list).toHaveBeenCalledWith('')
    expect(s.loading.value).toBe(true)
    await settle()
    expect(s.options.value.map((o) => o.id)).toEqual([1, 2])
    expect(s.loading.value).toBe(false)
    expect(s.get).not.toHaveBeenCalled()
  })

  it('trims what the user typed', async () => {
    const s = setup(async () => page())
    await s.search('  海淀  ')
    expect(s.list).toHaveBeenLastCalledWith('海淀')
  })

  it('keeps the selected record first when the page does not hold it', async () => {
    const s = setup(
      async () => page({ id: 1, name: '甲' }),
      async (id) => ({ id, name: '选中' }),
      () => '7', // e.g. a route parameter: a string for a numeric id
    )
    await s.search('甲')
    expect(s.get).toHaveBeenCalledWith('7')
    expect(s.options.value).toEqual([{ id: '7', name: '选中' }, { id: 1, name: '甲' }])
  })

  it('does not fetch the selected record when the page holds it, whatever the id type', async () => {
    const s = setup(async () => page({ id: 7, name: '甲' }), undefined, () => '7')
    await s.search('')
    expect(s.get).not.toHaveBeenCalled()
    expect(s.options.value).toEqual([{ id: 7, name: '甲' }])
  })

  it('fetches nothing when nothing is selected, and shows the page when the selected record is gone', async () => {
    let selected: string | null = ''
    const s = setup(
      async () => page({ id: 1, name: '甲' }),
      async () => Promise.reject(new ApiError(404, { code: 'not_found', message: 'gone' })),
      () => selected,
    )
    await s.search('')
    expect(s.get).not.toHaveBeenCalled()
    selected = '9'
    await s.search('')
    expect(s.get).toHaveBeenCalledTimes(1)
    expect(s.options.value).toEqual([{ id: 1, name: '甲' }])
    expect(s.error.value).toBe('')
  })

  it('lets the newest search win when answers come back out of order', async () => {
    const pending: Array<ReturnType<typeof deferred<Page<Row>>>> = []
    const s = setup(
      () => {
        const d = deferred<Page<Row>>()
        pending.push(d)
        return d.promise
      },
      undefined,
      () => 2,
    )
    const older = s.search('a')
    const newer = s.search('ab')
    pending[1]!.resolve(page({ id: 1, name: 'a' }))
    await older
    expect(s.options.value).toEqual([])
    expect(s.loading.value).toBe(true) // still waiting for 'ab'
    pending[2]!.resolve(page({ id: 2, name: 'ab' }))
    await newer
    expect(s.options.value).toEqual([{ id: 2, name: 'ab' }])
    expect(s.loading.value).toBe(false)
    pending[0]!.reject(new Error('mount search failed late'))
    await settle()
    expect(s.options.value).toEqual([{ id: 2, name: 'ab' }])
    expect(s.error.value).toBe('')
    expect(s.get).not.toHaveBeenCalled() // nor fetched the selected record for an overtaken page
  })

  it('drops an answer overtaken while it fetched the selected record', async () => {
    const chosen = deferred<Row>()
    let q = ''
    const s = setup(
      async (query) => ((q = query), page({ id: 1, name: query })),
      () => chosen.promise,
      () => (q === 'old' ? 5 : 1),
    )
    const older = s.search('old')
    await settle() // the old search is now waiting for the selected record
    await s.search('new')
    chosen.resolve({ id: 5, name: 'chosen' })
    await older
    expect(s.options.value).toEqual([{ id: 1, name: 'new' }])
  })

  it("empties the options and keeps the server's message when the search fails", async () => {
    const s = setup(async () => page({ id: 1, name: '甲' }))
    await settle()
    s.list.mockRejectedValueOnce(new ApiError(403, { code: 'forbidden', message: '无权执行此操作' }))
    await s.search('x')
    expect(s.options.value).toEqual([])
    expect(s.error.value).toBe('无权执行此操作')
    expect(s.loading.value).toBe(false)
    await s.search('y') // the next search clears the error
    expect(s.error.value).toBe('')
    expect(s.options.value).toHaveLength(1)
  })
})
