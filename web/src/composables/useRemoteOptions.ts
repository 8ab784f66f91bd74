import { onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { errorMessage } from '@/api/http'
import type { Page } from '@/api/types'

type Id = string | number

/**
 * Options of a remote-search select: `search(q)` asks `list` for the first page matching q (the
 * newest request wins), and keeps the selected record (e.g. preset from a link) in the options,
 * fetched with `get`, when that page does not hold it. Searches once with '' on mount.
 */
export function useRemoteOptions<T extends { id: Id }>(
  list: (q: string) => Promise<Page<T>>,
  get: (id: Id) => Promise<T>,
  selected: () => Id | null | undefined,
): { options: ShallowRef<T[]>; loading: Ref<boolean>; error: Ref<string>; search: (q: string) => Promise<void> } {
  const options = shallowRef<T[]>([])
  const loading = ref(false)
  const error = ref('')
  let seq = 0

  async function search(q: string) {
    const mine = ++seq
    loading.value = true
    error.value = ''
    try {
      let items = (await list(q.trim())).items
      if (mine !== seq) return
      const id = selected()
      if (id != null && id !== '' && !items.some((x) => String(x.id) === String(id))) {
        const chosen = await get(id).catch(() => null)
        if (chosen && mine === seq) items = [chosen, ...items]
      }
      if (mine === seq) options.value = items
    } catch (e) {
      if (mine === seq) {
        options.value = []
        error.value = errorMessage(e)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  onMounted(() => search(''))
  return { options, loading, error, search }
}
