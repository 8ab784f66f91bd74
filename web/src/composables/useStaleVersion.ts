import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/http'

/** The server's answer to a save made from an older version than the stored one. */
export function isStaleVersion(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 409 && e.code === 'stale_version'
}

/**
 * A registry form's answer to a stale save: a dialog offering to reload the latest data. Cancelling
 * keeps the user's edits on screen, with the server's message in `error` so they know why nothing saved.
 */
export function useStaleVersion(opts: { titleKey: string; reload: () => Promise<unknown>; error: Ref<unknown> }) {
  const { t } = useI18n()

  /** True when `e` was a stale version and has been dealt with; any other error is left to the caller. */
  async function handle(e: unknown): Promise<boolean> {
    if (!isStaleVersion(e)) return false
    try {
      await ElMessageBox.confirm(t('carrier.conflictBody', { message: e.message }), t(opts.titleKey), {
        type: 'warning',
        confirmButtonText: t('carrier.conflictReload'),
        cancelButtonText: t('common.cancel'),
      })
      await opts.reload()
    } catch {
      opts.error.value = e
    }
    return true
  }

  return { handle }
}
