// Consent: an enterprise member grants an investor access to the enterprise's profile on the consent
// page; the investor then finds the enterprise in the enterprise list.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, config, input, login, logout, randomUscc, screenshot, startBrowser, uniqueFragment } from './support.mjs'

describe('consent page', () => {
  let cfg
  let browser
  let page
  const frag = uniqueFragment()
  const enterpriseName = `${frag}数据共享科技有限公司`
  const suffix = Date.now().toString(36)
  const member = { login: `member-${suffix}`, password: `member-pw-${suffix}` }
  const investor = { login: `investor-${suffix}`, password: `investor-pw-${suffix}` }
  let investorId = null

  before(async () => {
    cfg = config()
    const admin = await apiSession(cfg, cfg.login, cfg.password)
    const enterprise = await admin('POST', '/enterprises', {
      name: enterpriseName,
      uscc: randomUscc(),
      is_team: false,
      founded_on: '2022-04-01',
      region_code: '110108',
      domains: [],
      employees: 12,
      qualifications: [],
      listings: [],
    })
    await admin('POST', '/users', {
      login: member.login,
      display_name: `${frag}企业成员`,
      role: 'enterprise_member',
      carrier_ids: [],
      enterprise_ids: [enterprise.id],
      password: member.password,
    })
    const inv = await admin('POST', '/users', {
      login: investor.login,
      display_name: `${frag}投资机构`,
      role: 'investor',
      carrier_ids: [],
      password: investor.password,
    })
    investorId = inv.id
    browser = await startBrowser()
    page = browser.page
  })

  after(async () => {
    await browser?.close()
  })

  it('the investor does not see the enterprise before the grant', async () => {
    await login(page, { ...cfg, ...investor })
    await page.goto(`${cfg.url}/enterprises`)
    await page.locator('[data-test=enterprise-list]').waitFor()
    await page.waitForLoadState('networkidle')
    const text = await page.locator('[data-test=enterprise-list]').innerText()
    assert.ok(!text.includes(enterpriseName), 'no consent yet: the enterprise is hidden')
    await logout(page)
  })

  it('the member grants the investor access on the consent page', async () => {
    await login(page, { ...cfg, ...member })
    await page.goto(`${cfg.url}/consents`)
    await page.locator('[data-test=consent-table]').waitFor()
    await page.locator('[data-test=consent-new]').click()
    const form = page.locator('[data-test=consent-form]')
    await form.waitFor()
    await input(form, 'c-grantee').fill(String(investorId))
    await page.locator('[data-test=c-submit]').click()
    const row = page.locator('[data-test=consent-table] .el-table__row', { hasText: String(investorId) })
    await row.first().waitFor()
    assert.match(await row.first().innerText(), /生效中/)
    await screenshot(page, 'consents')
    await logout(page)
  })

  it('the investor then sees the enterprise in the enterprise list', async () => {
    await login(page, { ...cfg, ...investor })
    await page.goto(`${cfg.url}/consents`)
    await page.locator('[data-test=consent-table] .el-table__row', { hasText: '授予我的' }).first().waitFor()
    await page.goto(`${cfg.url}/enterprises`)
    await page.locator('[data-test=enterprise-list]', { hasText: enterpriseName }).waitFor()
  })

  it('raised no uncaught page errors', () => {
    assert.deepEqual(browser.consoleErrors, [])
  })
})
