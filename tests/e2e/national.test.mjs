// National-scale console pages: the statistics map drills from the nation into a province; a CSV
// import with a bad row reports row/column/reason and writes nothing, then a good file completes;
// an incubatee row edited in a draft annual return persists; the lists offer scoped exports.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiSession, config, login, randomUscc, screenshot, startBrowser, uniqueFragment } from './support.mjs'

/**
 * Clicks a region of the statistics map at the pixel centre the map publishes, and waits for the
 * drill. The centres are recomputed after every redraw (a resize when the charts below appear
 * moves them), so a click that lands before the layout settled is tried again with fresh ones.
 */
async function clickRegion(page, code, nextMap) {
  const map = page.locator('[data-test=stats-map]')
  const deadline = Date.now() + 45_000
  while (Date.now() < deadline) {
    const before = await map.getAttribute('data-centres')
    await page.waitForTimeout(400)
    const centres = await map.getAttribute('data-centres')
    const pos = JSON.parse(centres || '{}')[code]
    if (!pos || centres !== before) continue
    await map.locator('canvas').first().click({ position: { x: pos[0], y: pos[1] } })
    try {
      await page.locator(`[data-test=stats-map][data-map="${nextMap}"]`).waitFor({ timeout: 10_000 })
      return
    } catch {
      // Not drilled: the map was redrawn under the click; read the centres again.
    }
  }
  throw new Error(`clicking ${code} on the map did not drill into ${nextMap}`)
}

const HEADER = '载体编码,载体名称,载体类型,运营机构统一社会信用代码,所在区县代码,成立日期'

describe('national scale console', () => {
  let cfg
  let admin
  let browser
  let page
  let dir
  let returnId
  let enterpriseId
  const tag = uniqueFragment()
  const carrierName = `南山${tag}科技孵化器`
  const importCode = `E2E-${Date.now().toString(36).toUpperCase()}`

  before(async () => {
    cfg = config()
    admin = await apiSession(cfg, cfg.login, cfg.password)
    dir = mkdtempSync(join(tmpdir(), 'incunet-e2e-csv-'))
    // A carrier in 深圳南山 (广东) so the map has a province with figures.
    const carrier = await admin('POST', '/carriers', {
      kind: 'incubator',
      name: carrierName,
      operator_uscc: randomUscc('440305'),
      region_code: '440305',
      founded_on: '2016-05-01',
      area_total_m2: 8000,
    })
    const ent = await admin('POST', '/enterprises', {
      name: `深圳${tag}智能科技有限公司`,
      uscc: randomUscc('440305'),
      founded_on: '2021-03-15',
      region_code: '440305',
      employees: 18,
    })
    enterpriseId = ent.id
    // Return rows name incubatees of the carrier in the return's year: admit the enterprise before it.
    const year = new Date().getFullYear() - 1
    const stay = await admin('POST', '/incubations', {
      enterprise_id: ent.id,
      carrier_id: carrier.id,
      applied_on: `${year - 1}-11-01`,
      space_m2: 120,
    })
    await admin('POST', `/incubations/${stay.id}/transitions`, { to: 'admitted', on: `${year - 1}-12-01` })
    returnId = (await admin('POST', '/annual-returns', { carrier_id: carrier.id, year })).id
    browser = await startBrowser()
    page = browser.page
    await login(page, cfg)
  })

  after(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('draws the China map and drills into a province and back', async () => {
    await page.goto(`${cfg.url}/stats`)
    const map = page.locator('[data-test=stats-map]')
    await map.locator('canvas').waitFor()
    assert.equal(await map.getAttribute('data-map'), 'cn-100000')
    assert.equal(Number(await map.getAttribute('data-matched')), 34, 'every province is on the map')
    // Colour by another figure: the option is accepted and the map stays.
    await page.locator('[data-test=stats-map-metric] .el-select__wrapper').click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '带动就业' }).click()
    await map.scrollIntoViewIfNeeded()
    await screenshot(page, 'stats-map-nation')
    // Click 广东 where ECharts drew it (its hit test decides, as for a user's click).
    await clickRegion(page, '440000', 'cn-440000')
    const drilled = page.locator('[data-test=stats-map]')
    assert.ok(Number(await drilled.getAttribute('data-matched')) >= 20, 'the cities of 广东 are on the map')
    assert.match(await page.locator('[data-test=stats-breadcrumb]').innerText(), /全国[\s\S]*广东省/)
    assert.match(await page.locator('[data-test=stats] h1').innerText(), /广东省/)
    const kpi = await page.locator('[data-test=stats-kpis] .kpi').first().innerText()
    assert.match(kpi, /在运营载体\s*\n?\s*[1-9]/, 'the province counts the carrier made for this test')
    await screenshot(page, 'stats-map-guangdong')
    await page.locator('[data-test=stats-breadcrumb] a', { hasText: '全国' }).click()
    await page.locator('[data-test=stats-map][data-map="cn-100000"]').waitFor()
  })

  it('reports a bad import row and writes nothing, then imports a good file', async () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(
      bad,
      `${HEADER}\n${importCode}-1,${tag}一号孵化器,孵化器,${randomUscc('110108')},110108,2020-01-01\n` +
        `${importCode}-2,${tag}二号孵化器,孵化器,${randomUscc('110108')},110108,2020-13-01\n`,
    )
    await page.locator('[data-test=menu-imports]').click()
    await page.waitForURL(/\/imports/)
    await page.locator('[data-test=import-mode-all]').click()
    await page.locator('[data-test=import-file] input[type=file]').setInputFiles(bad)
    await page.locator('[data-test=import-submit]').click()
    await page.locator('[data-test=import-status][data-status=failed]').waitFor()
    const row = page.locator('[data-test=import-errors] .el-table__body tr').first()
    const cells = await row.locator('td').allInnerTexts()
    // Rows are numbered as a spreadsheet shows them (the header is row 1): the second data row is 3.
    assert.equal(cells[0].trim(), '3', 'the second data row')
    assert.equal(cells[1].trim(), '3', 'on the third line of the file')
    assert.equal(cells[2].trim(), '成立日期')
    assert.equal(cells[3].trim(), '2020-13-01')
    assert.ok(cells[4].trim().length > 0, 'a reason is given')
    assert.equal((await page.locator('[data-test=count-inserted]').innerText()).trim(), '0')
    await screenshot(page, 'import-bad')
    // The rejects file is the bad record as uploaded, with its problem in a last column.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-rejects]').click()])
    const rejects = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    assert.equal(rejects.length, 2, 'the header and the one bad record')
    assert.equal(rejects[0], `${HEADER},问题`)
    assert.ok(rejects[1].startsWith(`${importCode}-2,${tag}二号孵化器,孵化器,`), rejects[1])
    assert.match(rejects[1], /,2020-13-01,成立日期: .+/)
    const none = await admin('GET', `/carriers?q=${encodeURIComponent(`${tag}一号孵化器`)}`)
    assert.equal(none.items.length, 0, 'all-or-nothing wrote no row')

    const good = join(dir, 'good.csv')
    writeFileSync(
      good,
      `${HEADER}\n${importCode}-1,${tag}一号孵化器,孵化器,${randomUscc('110108')},110108,2020-01-01\n` +
        `${importCode}-2,${tag}二号孵化器,众创空间,${randomUscc('110108')},110108,2020-12-01\n`,
    )
    await page.locator('[data-test=import-again]').click()
    await page.locator('[data-test=import-file] input[type=file]').setInputFiles(good)
    await page.locator('[data-test=import-submit]').click()
    await page.locator('[data-test=import-status][data-status=succeeded]').waitFor()
    assert.equal((await page.locator('[data-test=count-inserted]').innerText()).trim(), '2')
    const two = await admin('GET', `/carriers?q=${encodeURIComponent(tag)}&limit=50`)
    assert.deepEqual(
      two.items.filter((c) => c.name.endsWith('号孵化器')).map((c) => c.name).sort(),
      [`${tag}一号孵化器`, `${tag}二号孵化器`],
    )
  })

  it('skips a bad row on request: the good ones are written, the bad one is rejected', async () => {
    const mixed = join(dir, 'mixed.csv')
    writeFileSync(
      mixed,
      `${HEADER}\n${importCode}-3,${tag}三号孵化器,孵化器,${randomUscc('110108')},110108,2021-01-01\n` +
        `${importCode}-4,${tag}四号孵化器,孵化器,NOT-A-USCC,110108,2021-02-01\n`,
    )
    await page.locator('[data-test=import-again]').click()
    await page.locator('[data-test=import-mode-skip]').click()
    await page.locator('[data-test=import-file] input[type=file]').setInputFiles(mixed)
    await page.locator('[data-test=import-submit]').click()
    await page.locator('[data-test=import-status][data-status=succeeded]').waitFor()
    assert.equal((await page.locator('[data-test=count-inserted]').innerText()).trim(), '1')
    assert.equal((await page.locator('[data-test=count-rejected]').innerText()).trim(), '1')
    const cells = await page.locator('[data-test=import-errors] .el-table__body tr').first().locator('td').allInnerTexts()
    assert.equal(cells[2].trim(), '运营机构统一社会信用代码')
    assert.equal(cells[3].trim(), 'NOT-A-USCC')
    const written = await admin('GET', `/carriers?q=${encodeURIComponent(tag)}&limit=50`)
    const names = written.items.map((c) => c.name)
    assert.ok(names.includes(`${tag}三号孵化器`), 'the good row is written')
    assert.ok(!names.includes(`${tag}四号孵化器`), 'the bad row is not')

    // The recent imports table lists the three jobs newest first; a click reopens the failed one.
    const recent = page.locator('[data-test=import-recent-table] .el-table__body tr')
    await recent.nth(2).waitFor()
    const firstRow = await recent.first().locator('td').allInnerTexts()
    assert.equal(firstRow[2].trim(), 'mixed.csv')
    assert.equal((await recent.nth(1).locator('td').allInnerTexts())[2].trim(), 'good.csv')
    const third = await recent.nth(2).locator('td').allInnerTexts()
    assert.equal(third[2].trim(), 'bad.csv')
    await recent.nth(2).click()
    await page.locator('[data-test=import-status][data-status=failed]').waitFor()
    await page.waitForURL(new RegExp(`job=${third[0].trim()}$`))
  })

  it('edits an incubatee row of a draft return and the change persists', async () => {
    await page.goto(`${cfg.url}/annual-returns/${returnId}`)
    await page.locator('[data-test=return-title]', { hasText: carrierName }).waitFor()
    await page.locator('.el-tabs__item', { hasText: /在孵/ }).click()
    await page.locator('[data-test=row-add]').click()
    const dialog = page.locator('[data-test=row-dialog]')
    await dialog.locator('[data-test=row-enterprise] .el-select__wrapper').click()
    await page.keyboard.type(tag)
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: `#${enterpriseId}` }).click()
    await dialog.locator('[data-test=row-field-I24] input').fill('18')
    await dialog.locator('[data-test=row-save]').click()
    await page.locator(`[data-test=cell-${enterpriseId}-I24]`, { hasText: '18' }).waitFor()

    await page.locator(`[data-test=row-edit-${enterpriseId}]`).click()
    await dialog.locator('[data-test=row-field-I24] input').fill('21')
    await dialog.locator('[data-test=row-field-I19] input').fill('1250.5')
    await dialog.locator('[data-test=row-save]').click()
    await page.locator(`[data-test=cell-${enterpriseId}-I24]`, { hasText: '21' }).waitFor()

    const stored = await admin('GET', `/annual-returns/${returnId}`)
    const r = stored.incubatees.find((x) => x.row_id === Number(enterpriseId))
    assert.ok(r, 'the row is stored')
    assert.equal(r.values.I24, 21)
    assert.equal(r.values.I19, 125050000, '1250.5 千元 is stored in fen')
    assert.match(r.values.I01, new RegExp(tag), 'the name was filled from the enterprise')

    await page.reload()
    await page.locator('.el-tabs__item', { hasText: /在孵/ }).click()
    assert.equal((await page.locator(`[data-test=cell-${enterpriseId}-I24]`).innerText()).trim(), '21')
    await screenshot(page, 'return-rows')
  })

  it('offers CSV and Excel exports on the carrier and enterprise lists', async () => {
    for (const [path, entity] of [
      ['/carriers', 'carriers'],
      ['/enterprises', 'enterprises'],
    ]) {
      await page.goto(`${cfg.url}${path}`)
      const csv = page.locator('[data-test=export-csv]')
      await csv.waitFor()
      const href = await csv.getAttribute('href')
      assert.equal(href, `/api/v1/exports/${entity}.csv`)
      assert.equal(await page.locator('[data-test=export-xlsx]').getAttribute('href'), `/api/v1/exports/${entity}.xlsx`)
      // The link downloads within the session's scope.
      const res = await page.request.get(`${cfg.url}${href}`)
      assert.equal(res.status(), 200)
      assert.match(await res.text(), entity === 'carriers' ? new RegExp(carrierName) : new RegExp(tag))
    }
  })

  it('raised no uncaught page errors', () => {
    assert.deepEqual(browser.consoleErrors, [])
  })
})
