import { reactive } from 'vue'
import { ApiError } from '@/api/http'

/**
 * Server-side field errors for el-form-item's "error" prop: an ApiError whose details name a field
 * (details.field, e.g. "operator_uscc" or "recognitions[0].valid_from") is shown under that field.
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})

  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k]
  }

  /** Returns true when the error was attached to a field. */
  function take(e: unknown): boolean {
    clear()
    if (!(e instanceof ApiError) || !e.field) return false
    errors[e.field] = e.message
    return true
  }

  return { errors, clear, take }
}
