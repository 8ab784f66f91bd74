// Standards: the national admin browses the rule sets, edits a provisional parameter (a new version)
// and reads the diff, sees a malformed upload refused with its line, evaluates a carrier and reads the
// criterion table; the carrier's operator sees the distance to the next tier on the carrier page,
// declares a fact there and sees the distance follow it.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, config, input, login, logout, randomUscc, screenshot, startBrowser, uniqueFragment } from './support.mjs'

describe('standards pages', () => {
  let cfg
  let browser
  let page
  let carrierId = null
  const frag = uniqueFragment()
  const carrierName = `南山${frag}科技企业孵化器`
  const suffix = Date.now().toString(36)
  const operator = { login: `std-op-${suffix}`, password: `std-op-pw-${suffix}` }

  before(async () => {
    cfg = config()
    const admin = await apiSession(cfg, cfg.login, cfg.password)
    const carrier = await admin('POST', '/carriers', {
      kind: 'incubator',
      name: carrierName,
      operator_uscc: randomUscc('440305'),
      region_code: '440305',
      zone_code: null,
      address: '深圳市南山区科技园 1 号',
      founded_on: '2016-05-01',
      specialization: 'general',
      industry: null,
      area_total_m2: 12000,
      area_self_controlled_m2: 8000,
      area_incubatee_m2: 6000,
      area_public_service_m2: 1000,
      recognitions: [{ authority: '44', level: 'provincial', valid_from: '2018-01-01', valid_to: null, document_no: '粤科高字〔2018〕1号' }],
    })
    carrierId = carrier.id
    await admin('POST', '/users', {
      login: operator.login,
      display_name: `${frag}运营人员`,
      role: 'carrier_operator',
      carrier_ids: [carrierId],
      password: operator.password,
    })
    browser = await startBrowser()
    page = browser.page
  })

  after(async () => {
    await browser?.close()
  })

  it('opens the rule-set browser from the menu', async () => {
    await login(page, cfg)
    await page.locator('[data-test=menu-standards]').click()
    await page.locator('[data-test=menu-rule-sets]').click()
    await page.waitForURL(/\/standards$/)
    const table = page.locator('[data-test=rule-set-table]')
    await table.locator('.el-table__row', { hasText: 'RS-MIIT-2025-STANDARD' }).waitFor()
    const row = table.locator('.el-table__row', { hasText: 'RS-PROV-DEFAULT' })
    assert.match(await row.innerText(), /暂定/)
    await screenshot(page, 'rule-sets')
  })

  it('refuses a malformed upload with its line and reason', async () => {
    await page.locator('[data-test=rule-set-upload]').click()
    const dialog = page.locator('[data-test=upload-dialog]')
    await dialog.locator('[data-test=upload-file]').setInputFiles({
      name: 'broken.toml',
      mimeType: 'application/toml',
      buffer: Buffer.from('id = "RS-E2E"\nversion = 1\nname_zh = "坏文件"\nname_en = "Broken"\nsubject = "carrier"\nkind = "recognition"\nlevel = "provincial"\njurisdiction = "65"\ncombine = "all"\nnot_a_key = 1\n'),
    })
    await dialog.locator('[data-test=upload-submit]').click()
    await dialog.locator('[data-test=upload-refusal]').waitFor()
    assert.equal((await dialog.locator('[data-test=upload-line]').innerText()).trim(), '10')
    const reason = await dialog.locator('[data-test=upload-reason]').innerText()
    assert.match(reason, /not_a_key/)
    assert.match(reason, /未知的键/) // the console speaks Chinese: the Chinese reason is shown
    await screenshot(page, 'rule-set-upload-refused')
    await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click()
  })

  it('edits a provisional parameter into a new version and shows the diff', async () => {
    await page.locator('[data-test=rule-set-table] a', { hasText: 'RS-PROV-DEFAULT' }).click()
    await page.waitForURL(/\/standards\/RS-PROV-DEFAULT/)
    await page.locator('[data-test=criteria-table] .el-table__row').first().waitFor()
    assert.ok((await page.locator('[data-test=criteria-table] [data-test=criterion-provisional]').count()) > 0)
    await page.locator('[data-test=rule-set-tabs] .el-tabs__item', { hasText: '参数' }).click()
    const before = await page.locator('[data-test=rule-set-version]').innerText()
    await page.locator('[data-test=params-edit]').click()
    const area = page.locator('[data-test=params-table] .el-table__row', { hasText: 'area_min' }).locator('input')
    const current = Number((await area.inputValue()).replace(/,/g, ''))
    await area.fill(String(current + 100))
    await area.press('Tab')
    await page.locator('[data-test=params-save]').click()
    await page.locator('.el-message--success').waitFor()
    await page.waitForFunction((b) => document.querySelector('[data-test=rule-set-version]')?.textContent !== b, before)
    assert.match(await page.locator('[data-test=rule-set-version]').innerText(), /参数修改/)

    await page.locator('[data-test=rule-set-tabs] .el-tabs__item', { hasText: '版本' }).first().click()
    await page.locator('[data-test=versions-table] button', { hasText: '与上一版对比' }).first().click()
    const diff = page.locator('[data-test=diff-parameters]')
    await diff.waitFor()
    const text = await diff.innerText()
    assert.match(text, /area_min/)
    assert.match(text, new RegExp(`${current}[\\s\\S]*${current + 100}`))
    await screenshot(page, 'rule-set-diff')
  })

  it('evaluates the carrier and shows the criterion table', async () => {
    await page.goto(`${cfg.url}/carriers/${carrierId}`)
    await page.locator('[data-test=carrier-detail] .el-tabs__item', { hasText: '梯度培育' }).click()
    await page.locator('[data-test=carrier-verdicts]').click()
    await page.waitForURL(/\/verdicts\?/)
    await page.locator('[data-test=verdict-subject] .el-select__wrapper', { hasText: carrierName }).waitFor()
    // A provincial incubator's next tier is 标准级: its rule set is chosen without asking.
    await page.locator('[data-test=verdict-next-tier-default]').waitFor()
    await page.locator('[data-test=verdict-rule-set] .el-select__wrapper', { hasText: 'RS-MIIT-2025-STANDARD' }).waitFor()
    await page.locator('[data-test=verdict-evaluate]').click()
    const result = page.locator('[data-test=verdict-result]')
    await result.waitFor()
    assert.match(await result.locator('[data-test=verdict-outcome]').innerText(), /未达标/)
    await result.locator('[data-test=verdict-subject-name]', { hasText: carrierName }).waitFor()
    const n2a = result.locator('[data-test=verdict-criteria] .el-table__row', { hasText: 'N2a' }).first()
    const row = await n2a.innerText()
    assert.match(row, /8,000/)
    assert.match(row, /10,000/)
    assert.match(row, /−2,000/)
    assert.match(row, /records:carrier/)
    assert.match(await result.locator('[data-test=criterion-outcome-N2a]').innerText(), /未达标/)
    await page.locator('[data-test=verdict-history] .el-table__row', { hasText: 'RS-MIIT-2025-STANDARD' }).first().waitFor()
    await screenshot(page, 'verdict')
  })

  it('lists the upgrade candidates of a province and its alerts', async () => {
    await page.locator('[data-test=menu-cultivation]').click()
    await page.waitForURL(/\/cultivation/)
    await page.goto(`${cfg.url}/cultivation?region=440000&level=standard`)
    const row = page.locator('[data-test=candidates-table] .el-table__row', { hasText: carrierName })
    await row.waitFor()
    const text = await row.innerText()
    assert.match(text, /广东/)
    assert.match(text, /部级·标准级/)
    assert.match(text, /还需增加 2,000 m²/)
    await screenshot(page, 'cultivation')
    await page.locator('[data-test=cultivation] .el-tabs__item', { hasText: '预警' }).click()
    await page.waitForURL(/tab=alerts/)
    await page.locator('[data-test=alerts-table]').waitFor()
    await logout(page)
  })

  it('shows the carrier operator its distance to the next tier', async () => {
    await login(page, { ...cfg, ...operator })
    await page.goto(`${cfg.url}/carriers/${carrierId}`)
    await page.locator('[data-test=carrier-detail] .el-tabs__item', { hasText: '梯度培育' }).click()
    const panel = page.locator('[data-test=next-tier]')
    await panel.locator('[data-test=next-tier-next]').waitFor()
    assert.match(await panel.locator('[data-test=next-tier-current]').innerText(), /省级/)
    assert.match(await panel.locator('[data-test=next-tier-next]').innerText(), /标准级/)
    const gap = panel.locator('[data-test=next-tier-gaps] .el-table__row', { hasText: 'N2a' })
    assert.match(await gap.innerText(), /还需增加 2,000 m²/)
    await screenshot(page, 'next-tier')
  })

  it('lets the operator declare a fact, and the distance to the next tier follows it', async () => {
    const admin = await apiSession(cfg, cfg.login, cfg.password)
    const rules = await admin('GET', '/rule-sets/RS-MIIT-2025-STANDARD')
    const min = rules.parameters.find((p) => p.id === 'seed_fund_min').value
    const declared = Math.round(min * 0.4)
    const panel = page.locator('[data-test=next-tier]')
    const n3a = () => panel.locator('[data-test=next-tier-gaps] .el-table__row', { hasText: 'N3a' })
    assert.match(await n3a().innerText(), /缺少数据/)

    await page.locator('[data-test=carrier-detail] .el-tabs__item', { hasText: '申报数据' }).click()
    const facts = page.locator('[data-test=facts-panel]')
    const current = facts.locator('[data-test=fact-value-seed_fund_cny]')
    await current.waitFor()
    assert.match(await current.innerText(), /未申报/)
    // A negative amount is refused under its own field, and nothing is saved.
    await input(facts, 'fact-input-seed_fund_cny').fill('-5')
    await facts.locator('[data-test=facts-save]').click()
    await facts.locator('.el-form-item__error', { hasText: '不能为负数' }).waitFor()
    await input(facts, 'fact-input-seed_fund_cny').fill(String(declared))
    await input(facts, 'facts-note').fill('银行存款证明')
    await facts.locator('[data-test=facts-save]').click()
    await page.locator('.el-message--success', { hasText: '已保存 1 项申报' }).waitFor()
    await page.waitForFunction(
      () => !/未申报/.test(document.querySelector('[data-test=fact-value-seed_fund_cny]')?.textContent ?? '未申报'),
    )
    assert.match(await current.innerText(), new RegExp(declared.toLocaleString('en-US')))
    const row = facts.locator('[data-test=facts-table] .el-table__row', { hasText: 'seed_fund_cny' })
    assert.match(await row.innerText(), new RegExp(operator.login))
    assert.match(await row.innerText(), /银行存款证明/)
    await screenshot(page, 'declared-facts')

    // The next-tier tab measures again with the declared fund: short by the rest of the minimum.
    await page.locator('[data-test=carrier-detail] .el-tabs__item', { hasText: '梯度培育' }).click()
    await n3a().waitFor()
    const text = await n3a().innerText()
    assert.doesNotMatch(text, /缺少数据/)
    assert.match(text, new RegExp(`还需增加 ${(min - declared).toLocaleString('en-US')}`))
    await screenshot(page, 'next-tier-after-fact')
  })

  it('lets the national admin replace the provisional hardship-area county list', async () => {
    await logout(page)
    await login(page, cfg)
    await page.goto(`${cfg.url}/standards`)
    const card = page.locator('[data-test=hardship-card]')
    await card.waitFor()
    await card.locator('[data-test=hardship-edit]').click()
    const text = page.locator('textarea[data-test=hardship-text], [data-test=hardship-text] textarea')
    // A prefecture city with counties is not a county-level unit: refused, nothing saved.
    await text.fill('440300 深圳市')
    await page.locator('[data-test=hardship-save]').click()
    await page.locator('.refusal', { hasText: '不是县级行政区' }).waitFor()
    const admin = await apiSession(cfg, cfg.login, cfg.password)
    assert.equal((await admin('GET', '/hardship-counties')).items.length, 0)

    await text.fill('632722 人社部名单（待核）')
    await page.locator('[data-test=hardship-save]').click()
    await card.locator('[data-test=hardship-table] .el-table__row', { hasText: '杂多县' }).waitFor()
    const stored = (await admin('GET', '/hardship-counties')).items
    assert.deepEqual(stored.map((h) => [h.region_code, h.note, h.provisional]), [['632722', '人社部名单（待核）', true]])
    await screenshot(page, 'hardship-counties')
    // Leave the shared test server as it was for the other browser tests.
    await admin('PUT', '/hardship-counties', { counties: [] })
  })

  it('raised no uncaught page errors', () => {
    assert.deepEqual(browser.consoleErrors, [])
  })
})
