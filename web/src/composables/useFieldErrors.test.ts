import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { useFieldErrors } from './useFieldErrors'

describe('useFieldErrors', () => {
  it('puts the message of an error that names a field under that field', () => {
    const f = useFieldErrors()
    const e = new ApiError(422, { code: 'invalid_uscc', message: '统一社会信用代码校验位不正确', details: { field: 'operator_uscc' } })
    expect(f.take(e)).toBe(true)
    expect({ ...f.errors }).toEqual({ operator_uscc: '统一社会信用代码校验位不正确' })
  })

  it('clears the previous field and keeps nothing for an error without a field', () => {
    const f = useFieldErrors()
    f.take(new ApiError(422, { code: 'required', message: 'name is required', details: { field: 'name' } }))
    expect(f.take(new ApiError(409, { code: 'duplicate', message: 'duplicate' }))).toBe(false)
    expect({ ...f.errors }).toEqual({})
    f.take(new ApiError(422, { code: 'required', message: 'x', details: { field: 'name' } }))
    expect(f.take(new Error('network'))).toBe(false)
    expect({ ...f.errors }).toEqual({})
  })
})
