import { afterEach, describe, expect, it, vi } from 'vitest'
import { today } from './dates'

describe('today', () => {
  afterEach(() => vi.useRealTimers())

  it('is the local date as YYYY-MM-DD, zero-padded', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date(2024, 0, 5, 23, 59))
    expect(today()).toBe('2024-01-05')
    vi.setSystemTime(new Date(2025, 11, 31, 0, 0))
    expect(today()).toBe('2025-12-31')
  })
})
