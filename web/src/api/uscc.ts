// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, the last a check character.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters, or null when one of them is not allowed. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17.charAt(i))
    if (v < 0) return null
    sum += v * WEIGHTS[i]!
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31)
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17)
}

/** Upper-cases and turns full-width letters and digits into ASCII. */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase()
}
