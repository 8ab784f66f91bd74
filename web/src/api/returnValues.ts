// Values of the annual-return forms (docs/api/annual-returns.md): the catalogue's item codes the
// console fills itself, and the conversion between stored units (money in fen) and shown units.
import type { Enterprise, ReturnField, ReturnValue } from './types'

/** Incubatee items the console fills from the enterprise picked for a new row. */
export const INCUBATEE_NAME = 'I01' // 企业名称
export const INCUBATEE_USCC = 'I02' // 统一社会信用代码

/** The incubatee items a new row starts from, by item code (no code when the enterprise has none). */
export function incubateePrefill(e: Pick<Enterprise, 'name' | 'uscc'>): Record<string, string> {
  const out: Record<string, string> = { [INCUBATEE_NAME]: e.name }
  if (e.uscc) out[INCUBATEE_USCC] = e.uscc
  return out
}

/** A stored value as the form shows it: money divided into the shown unit (e.g. 千元). */
export function toShown(f: Pick<ReturnField, 'type'>, v: ReturnValue | undefined, fenPerShown: number): ReturnValue {
  if (v === undefined || v === null) return null
  if (f.type === 'money' && typeof v === 'number') return v / fenPerShown
  return v
}

/** A value as edited, in stored units: money back to whole fen, counts whole; empty is null. */
export function toStored(f: Pick<ReturnField, 'type'>, v: ReturnValue, fenPerShown: number): ReturnValue {
  if (v === null || v === '') return null
  if (f.type === 'money') return Math.round(Number(v) * fenPerShown)
  if (f.type === 'count') return Math.round(Number(v))
  return v
}

/** A stored value in a table cell. */
export function cellText(
  f: Pick<ReturnField, 'type'>,
  v: ReturnValue | undefined,
  fenPerShown: number,
  labels: { yes: string; no: string },
): string {
  if (v === undefined || v === null || v === '') return '—'
  if (f.type === 'bool') return v ? labels.yes : labels.no
  if (f.type === 'money' && typeof v === 'number') return (v / fenPerShown).toLocaleString()
  return String(v)
}
