import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { ApiError } from '@/api/http'
import { isStaleVersion, useStaleVersion } from './useStaleVersion'
import { withSetup } from './withSetup'

const { confirm } = vi.hoisted(() => ({ confirm: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessageBox: { confirm } }))

const stale = () => new ApiError(409, { code: 'stale_version', message: '数据已被他人修改，请刷新后重试', details: { current_version: '4' } })

function setup(titleKey = 'carrier.conflictTitle', locale: 'zh-CN' | 'en' = 'zh-CN') {
  const reload = vi.fn(async () => {})
  const error = ref<unknown>(null)
  const { result } = withSetup(() => useStaleVersion({ titleKey, reload, error }), locale)
  return { ...result, reload, error }
}

describe('isStaleVersion', () => {
  it('is a 409 with the stale_version code only', () => {
    expect(isStaleVersion(stale())).toBe(true)
    expect(isStaleVersion(new ApiError(409, { code: 'duplicate', message: 'dup' }))).toBe(false)
    expect(isStaleVersion(new ApiError(412, { code: 'stale_version', message: 'x' }))).toBe(false)
    expect(isStaleVersion(new Error('stale_version'))).toBe(false)
    expect(isStaleVersion(null)).toBe(false)
  })
})

describe('useStaleVersion', () => {
  beforeEach(() => confirm.mockReset())

  it("shows the server's message with a reload button, and reloads when the user takes it", async () => {
    confirm.mockResolvedValue('confirm')
    const s = setup()
    expect(await s.handle(stale())).toBe(true)
    expect(confirm).toHaveBeenCalledTimes(1)
    const [body, title, options] = confirm.mock.calls[0]!
    expect(body).toBe('数据已被他人修改，请刷新后重试。您的修改尚未保存：请重新加载最新数据，核对他人的修改后再编辑。')
    expect(title).toBe('数据已被他人修改')
    expect(options).toMatchObject({ type: 'warning', confirmButtonText: '重新加载最新数据', cancelButtonText: '取消' })
    expect(s.reload).toHaveBeenCalledTimes(1)
    expect(s.error.value).toBeNull()
  })

  it('keeps the edits and shows the conflict as the save error when the user cancels or closes', async () => {
    for (const action of ['cancel', 'close']) {
      confirm.mockRejectedValueOnce(action)
      const s = setup()
      const e = stale()
      expect(await s.handle(e)).toBe(true)
      expect(s.reload).not.toHaveBeenCalled()
      expect(s.error.value).toBe(e)
    }
  })

  it("titles the dialog with the form's own key, in the console's language", async () => {
    confirm.mockResolvedValue('confirm')
    const s = setup('enterprise.conflictTitle', 'en')
    await s.handle(stale())
    const [body, title, options] = confirm.mock.calls[0]!
    expect(title).toBe('Someone else changed this enterprise')
    expect(body).toMatch(/^数据已被他人修改，请刷新后重试\. Your edits were not saved/)
    expect(options).toMatchObject({ confirmButtonText: 'Reload latest data', cancelButtonText: 'Cancel' })
  })

  it('leaves every other error to the form, without a dialog', async () => {
    const s = setup()
    for (const e of [
      new ApiError(409, { code: 'duplicate', message: 'dup' }),
      new ApiError(422, { code: 'required', message: 'name is required', details: { field: 'name' } }),
      new ApiError(0, { code: 'network_error', message: 'Network error' }),
      new Error('boom'),
    ]) {
      expect(await s.handle(e)).toBe(false)
    }
    expect(confirm).not.toHaveBeenCalled()
    expect(s.reload).not.toHaveBeenCalled()
    expect(s.error.value).toBeNull()
  })
})
