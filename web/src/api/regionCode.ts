/**
 * The code prefix that selects a region and everything under it (GB/T 2260 six-digit codes):
 * "440000" → "44", "440300" → "4403", "440305" → "440305". Other codes (countries) are returned as is.
 * List filters (region=) and region scopes take this prefix.
 */
export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) return code
  if (code.endsWith('0000')) return code.slice(0, 2)
  if (code.endsWith('00')) return code.slice(0, 4)
  return code
}
