import { useI18n } from 'vue-i18n'
import type { Region } from '@/api/types'

/** A region's name in the console language (the English name when there is one). */
export function useRegionName() {
  const { locale } = useI18n()
  return (r: Pick<Region, 'name' | 'name_en'>) => (locale.value === 'en' && r.name_en ? r.name_en : r.name)
}
