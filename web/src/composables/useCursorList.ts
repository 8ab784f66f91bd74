import { computed, reactive, ref, shallowRef } from 'vue'
import type { Query } from '@/api/http'
import type { Page } from '@/api/types'

/** CursorPager's props and listeners, for `<CursorPager v-bind="list.pager" />`. */
export interface CursorPagerBinding {
  readonly total: number
  readonly page: number
  readonly pageCount: number
  readonly hasPrev: boolean
  readonly hasNext: boolean
  readonly limit: number
  readonly loading: boolean
  readonly onPrev: () => void
  readonly onNext: () => void
  readonly onLimit: (n: number) => void
}

/**
 * State of one cursor-paginated list: the API gives next_cursor only, so the cursors of the pages
 * already visited are kept to go back. Stale answers (the user clicked on) are dropped.
 * `pager` binds the list to a CursorPager in one attribute.
 */
export function useCursorList<T>(fetcher: (q: Query) => Promise<Page<T>>, filters: () => Query, pageSize = 20) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const limit = ref(pageSize)
  const cursors = ref<Array<string | null>>([null])
  const nextCursor = ref<string | null>(null)
  let seq = 0

  const page = computed(() => cursors.value.length)
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / limit.value)))
  const hasPrev = computed(() => cursors.value.length > 1)
  const hasNext = computed(() => !!nextCursor.value)

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const cursor = cursors.value[cursors.value.length - 1]
      const data = await fetcher({ ...filters(), limit: limit.value, cursor })
      if (mine !== seq) return
      items.value = data.items ?? []
      total.value = data.total ?? items.value.length
      nextCursor.value = data.next_cursor ?? null
    } catch (e) {
      if (mine !== seq) return
      error.value = e
      items.value = []
      total.value = 0
      nextCursor.value = null
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** Back to the first page (after a filter change). */
  function reset(): Promise<void> {
    cursors.value = [null]
    return load()
  }

  function next(): void {
    if (!nextCursor.value) return
    cursors.value = [...cursors.value, nextCursor.value]
    void load()
  }

  function prev(): void {
    if (cursors.value.length <= 1) return
    cursors.value = cursors.value.slice(0, -1)
    void load()
  }

  function setLimit(n: number): void {
    limit.value = n
    void reset()
  }

  // reactive() unwraps the refs, so the template reads current values through one object.
  const pager: CursorPagerBinding = reactive({
    total,
    page,
    pageCount,
    hasPrev,
    hasNext,
    limit,
    loading,
    onPrev: prev,
    onNext: next,
    onLimit: setLimit,
  })

  return { items, total, loading, error, limit, page, pageCount, hasPrev, hasNext, load, reset, next, prev, setLimit, pager }
}
