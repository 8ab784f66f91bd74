// Annual returns: the list opens for the admin, with the filters and the review inbox; a draft made
// through the API opens in the form rendered from the catalogue; the statistics dashboard draws its charts.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, config, login, randomUscc, screenshot, startBrowser, uniqueFragment } from './support.mjs'

describe('annual returns and statistics', () => {
  let cfg
  let browser
  let page
  let returnId = null
  const carrierName = `朝阳${uniqueFragment()}众创空间`

  before(async () => {
    cfg = config()
    const admin = await apiSession(cfg, cfg.login, cfg.password)
    const carrier = await admin('POST', '/carriers', {
      kind: 'makerspace',
      name: carrierName,
      operator_uscc: randomUscc('110105'),
      region_code: '110105',
      zone_code: null,
      address: '北京市朝阳区望京街 10 号',
      founded_on: '2018-05-01',
      specialization: 'general',
      industry: null,
      area_total_m2: 3000,
      area_self_controlled_m2: 3000,
      area_incubatee_m2: 2000,
      area_public_service_m2: 500,
    })
    returnId = (await admin('POST', '/annual-returns', { carrier_id: carrier.id, year: new Date().getFullYear() - 1 })).id
    browser = await startBrowser()
    page = browser.page
  })

  after(async () => {
    await browser?.close()
  })

  it('opens the annual-returns list and the review inbox', async () => {
    await login(page, cfg)
    await page.locator('[data-test=menu-returns]').click()
    await page.waitForURL(/\/annual-returns$/)
    await page.locator('[data-test=return-table]').waitFor()
    assert.match(await page.locator('[data-test=return-list] h1').innerText(), /年度统计报表/)
    await page.locator('[data-test=return-list] .el-tabs__item', { hasText: '待我审核' }).click()
    await page.waitForURL(/queue=mine/)
    await page.locator('[data-test=return-table]').waitFor()
    await screenshot(page, 'annual-returns')
  })

  it('opens a draft in the catalogue form', async () => {
    await page.goto(`${cfg.url}/annual-returns`)
    await page.locator('[data-test=return-table] a', { hasText: carrierName }).click()
    await page.waitForURL(new RegExp(`/annual-returns/${returnId}$`))
    await page.locator('[data-test=return-title]', { hasText: carrierName }).waitFor()
    assert.match(await page.locator('[data-test=return-status]').first().innerText(), /草稿/)
    await page.locator('[data-test=return-submit]').waitFor()
    assert.ok((await page.locator('[data-test=return-detail] .el-form-item').count()) > 10, 'the form has the catalogue items')
    await screenshot(page, 'annual-return')
  })

  it('opens the statistics dashboard with its charts', async () => {
    await page.locator('[data-test=menu-stats]').click()
    await page.waitForURL(/\/stats$/)
    await page.locator('[data-test=stats-kpis]').waitFor()
    await page.locator('[data-test=stats-region-chart] canvas').waitFor()
    await screenshot(page, 'stats')
  })

  it('raised no uncaught page errors', () => {
    assert.deepEqual(browser.consoleErrors, [])
  })
})
