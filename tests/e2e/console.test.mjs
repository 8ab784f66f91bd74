// Browser flows of the IncuNet console against a running server (see support.mjs for the environment).
// The steps share one browser and run in order: later steps use what earlier ones created.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  config,
  fillDate,
  input,
  login,
  pickCascader,
  pickOption,
  randomUscc,
  screenshot,
  startBrowser,
  uniqueFragment,
} from './support.mjs'

const CJK_FONTS = /WenQuanYi|Noto Sans CJK|Noto Serif CJK|Source Han|PingFang|Hiragino|YaHei|SimSun|SimHei|Droid Sans Fallback/i

describe('IncuNet console', () => {
  let cfg
  let browser
  let page
  const frag = uniqueFragment()
  const carrierName = `海淀${frag}科技企业孵化器`
  const enterpriseName = `${frag}智能科技有限公司`
  let carrierId = null
  let enterpriseId = null

  before(async () => {
    cfg = config()
    browser = await startBrowser()
    page = browser.page
  })

  after(async () => {
    await browser?.close()
  })

  it('logs in as the admin', async () => {
    await page.goto(`${cfg.url}/carriers`)
    // Not logged in: the console sends us to the login page and remembers where we were going.
    await page.waitForURL(/\/login\?redirect=/)
    await screenshot(page, 'login')
    await login(page, cfg, { navigate: false })
    await page.locator('[data-test=carrier-list]').waitFor()
    assert.equal(new URL(page.url()).pathname, '/carriers')
    await page.goto(`${cfg.url}/`)
    await page.locator('[data-test=home]').waitFor()
    await page.locator('[data-test=kind-chart] canvas').waitFor()
    const who = await page.locator('[data-test=current-user]').innerText()
    assert.ok(who.includes(cfg.login) || who.trim().length > 0, 'the header shows the signed-in user')
  })

  it('serves the API reference built from the OpenAPI document', async () => {
    // The header links to it from every page of the console.
    const href = await page.locator('[data-test=api-docs]').getAttribute('href')
    assert.equal(href, '/api/docs')
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    const res = await page.goto(`${cfg.url}${href}`)
    assert.equal(res.status(), 200)
    assert.match(await page.title(), /IncuNet API/)
    // Every module is a tag with its description, and its operations are listed by path.
    await page.getByText('健康检查与本文档 / Health and this document').first().waitFor()
    await page.getByText('/api/v1/openapi.json').first().waitFor()
    for (const tag of ['registry', 'annual-returns', 'standards', 'stats'])
      await page.getByText(tag, { exact: true }).first().waitFor()
    await screenshot(page, 'api-docs')
    assert.deepEqual(errors, [], 'the reference page runs without script errors')
  })

  it('creates a carrier through the form', async () => {
    await page.goto(`${cfg.url}/carriers/new`)
    const form = page.locator('[data-test=carrier-form]')
    await input(form, 'f-name').fill(carrierName)
    await pickOption(page, form.locator('[data-test=f-kind]'), '孵化器')
    await pickCascader(page, form.locator('[data-test=f-region]'), ['北京市', '海淀区'])
    await input(form, 'f-uscc').fill(randomUscc())
    await fillDate(form.locator('[data-test=f-founded]'), '2015-06-18')
    await input(form, 'f-address').fill('北京市海淀区中关村大街 1 号')
    const total = input(form, 'f-area-total')
    await total.fill('12000')
    await total.blur()
    await form.locator('[data-test=f-submit]').click()

    await page.waitForURL(/\/carriers\/(?!new$)[^/]+$/)
    carrierId = new URL(page.url()).pathname.split('/').pop()
    await page.locator('[data-test=carrier-title]', { hasText: carrierName }).waitFor()
    const profile = await page.locator('[data-test=carrier-profile]').innerText()
    assert.match(profile, /海淀区/)
    assert.match(profile, /孵化器/)
  })

  it('finds the carrier by a two-character search', async () => {
    await page.goto(`${cfg.url}/carriers`)
    await page.locator('[data-test=carrier-table]').waitFor()
    await input(page, 'filter-q').fill(frag)
    await page.locator('[data-test=filter-search]').click()
    await page.waitForURL((u) => new URL(u).searchParams.get('q') === frag)
    const link = page.locator('[data-test=carrier-table] [data-test=carrier-link]', { hasText: carrierName })
    await link.waitFor()
    const names = await page.locator('[data-test=carrier-table] [data-test=carrier-link]').allInnerTexts()
    assert.ok(names.length >= 1, 'the search found nothing')
    assert.ok(names.includes(carrierName), `expected ${carrierName} among ${names.join(', ')}`)
    await screenshot(page, 'carrier-search')
  })

  it('renders Chinese with a CJK font', async () => {
    const link = page.locator('[data-test=carrier-link]', { hasText: carrierName }).first()
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready
      return {
        family: getComputedStyle(document.body).fontFamily,
        check: document.fonts.check('16px "WenQuanYi Micro Hei"', '孵化'),
      }
    })
    assert.match(fonts.family, /WenQuanYi Micro Hei/, `body font-family is ${fonts.family}`)
    assert.equal(fonts.check, true, 'document.fonts.check for WenQuanYi Micro Hei with 孵化')

    // The fonts chromium actually used to draw the carrier's Chinese name.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    await link.evaluate((el) => el.setAttribute('data-font-probe', '1'))
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-font-probe]' })
    const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    await cdp.detach()
    const families = used.map((f) => f.familyName)
    assert.ok(
      used.some((f) => CJK_FONTS.test(f.familyName) && f.glyphCount > 0),
      `no CJK font drew "${carrierName}"; fonts used: ${families.join(', ')}`,
    )
  })

  it('opens the carrier detail and saves a screenshot', async () => {
    await page.locator('[data-test=carrier-link]', { hasText: carrierName }).first().click()
    await page.waitForURL(new RegExp(`/carriers/${carrierId}$`))
    await page.locator('[data-test=carrier-title]', { hasText: carrierName }).waitFor()
    await page.locator('[data-test=carrier-profile]').waitFor()
    const file = await screenshot(page, 'carrier-detail')
    assert.ok(file.endsWith('carrier-detail.png'))
  })

  it('shows the stale-version conflict when someone else saved first', async () => {
    await page.goto(`${cfg.url}/carriers/${carrierId}/edit`)
    const form = page.locator('[data-test=carrier-form]')
    await input(form, 'f-name').waitFor()
    await page.waitForFunction(() => {
      const el = document.querySelector('input[data-test=f-name], [data-test=f-name] input')
      return el && el.value.length > 0
    })
    // Another session changes the carrier behind the form's back.
    const status = await page.evaluate(async (id) => {
      const csrf = sessionStorage.getItem('incunet.csrf')
      const cur = await (await fetch(`/api/v1/carriers/${id}`)).json()
      const res = await fetch(`/api/v1/carriers/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ?? '' },
        body: JSON.stringify({ version: cur.version, address: '北京市海淀区中关村大街 2 号' }),
      })
      return res.status
    }, carrierId)
    assert.equal(status, 200)
    await input(form, 'f-address').fill('北京市海淀区中关村大街 3 号')
    await form.locator('[data-test=f-submit]').click()
    const box = page.locator('.el-message-box', { hasText: '数据已被他人修改' })
    await box.waitFor()
    await page.waitForTimeout(400) // let the dialog finish its opening animation
    await screenshot(page, 'carrier-conflict')
    // Reload the latest data: the other session's address shows up.
    await box.locator('.el-button--primary').click()
    await page.waitForFunction(() => {
      const el = document.querySelector('input[data-test=f-address], [data-test=f-address] input')
      return el && el.value.includes('2 号')
    })
  })

  it('switches the console to English', async () => {
    await page.goto(`${cfg.url}/carriers`)
    await page.locator('[data-test=lang-switch]').click()
    await page.locator('[data-test="lang-en"]').click()
    await page.locator('[data-test=side-menu]', { hasText: 'Carriers' }).waitFor()
    await page.locator('.page-header h1', { hasText: 'Carriers' }).waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
    await screenshot(page, 'carrier-list-en')
    // And back to Chinese, the default.
    await page.locator('[data-test=lang-switch]').click()
    await page.locator('[data-test="lang-zh-CN"]').click()
    await page.locator('[data-test=side-menu]', { hasText: '孵化载体' }).waitFor()
  })

  it('creates an enterprise and walks its incubation timeline', async () => {
    await page.goto(`${cfg.url}/enterprises/new`)
    const form = page.locator('[data-test=enterprise-form]')
    await input(form, 'e-name').fill(enterpriseName)
    await input(form, 'e-uscc').fill(randomUscc())
    await fillDate(form.locator('[data-test=e-founded]'), '2021-03-15')
    await pickCascader(page, form.locator('[data-test=e-region]'), ['北京市', '海淀区'])
    await form.locator('[data-test=e-submit]').click()
    await page.waitForURL(/\/enterprises\/(?!new$)[^/]+$/)
    enterpriseId = new URL(page.url()).pathname.split('/').pop()

    await page.locator('[data-test=open-timeline]').click()
    await page.waitForURL(new RegExp(`/enterprises/${enterpriseId}/incubations$`))
    const timeline = page.locator('[data-test=incubation-timeline]')
    await timeline.locator('h1', { hasText: enterpriseName }).waitFor()

    // Apply to the carrier created above.
    await page.locator('[data-test=apply]').click()
    const dialog = page.locator('.el-dialog:visible', { has: page.locator('[data-test=apply-carrier]') })
    await dialog.locator('[data-test=apply-carrier] .el-select__wrapper').click()
    await input(dialog, 'apply-carrier').fill(frag)
    await page.locator('.carrier-select-popper:visible .el-select-dropdown__item', { hasText: carrierName }).first().click()
    await page.locator('[data-test=apply-confirm]').click()
    await timeline.locator('[data-test=timeline-item]', { hasText: carrierName }).first().waitFor()

    // Admit, then start incubating: each step is a dated transition.
    await timeline.locator('[data-test=open-stay] [data-test=action-admitted]').click()
    await page.locator('[data-test=transition-confirm]:visible').click()
    await timeline.locator('[data-test=open-stay] [data-test=state-tag]', { hasText: '已入孵' }).waitFor()
    await timeline.locator('[data-test=open-stay] [data-test=action-incubating]').click()
    await page.locator('[data-test=transition-confirm]:visible').click()
    await timeline.locator('[data-test=open-stay] [data-test=state-tag]', { hasText: '孵化中' }).waitFor()

    const items = await timeline.locator('[data-test=timeline-item]').allInnerTexts()
    assert.ok(items.length >= 3, `expected applied, admitted and started events, got ${items.join(' | ')}`)
    assert.ok(items.some((t) => t.includes('获准入驻')), items.join(' | '))
  })

  it('transfers the incubation to another carrier and keeps the history', async () => {
    // A second carrier, in another district, created through the API with the page's session.
    const otherName = `朝阳${frag}加速器`
    const created = await page.evaluate(
      async ({ name, uscc }) => {
        const res = await fetch('/api/v1/carriers', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('incunet.csrf') ?? '' },
          body: JSON.stringify({
            kind: 'accelerator',
            name,
            operator_uscc: uscc,
            region_code: '110105',
            address: '北京市朝阳区酒仙桥路 10 号',
            founded_on: '2018-09-01',
            specialization: 'general',
            area_total_m2: 8000,
            area_self_controlled_m2: 8000,
            area_incubatee_m2: 5000,
            area_public_service_m2: 1500,
          }),
        })
        return { status: res.status, body: await res.text() }
      },
      { name: otherName, uscc: randomUscc('110105') },
    )
    assert.equal(created.status, 201, created.body)

    const timeline = page.locator('[data-test=incubation-timeline]')
    await timeline.locator('[data-test=open-stay] [data-test=action-transfer]').click()
    const dialog = page.locator('.el-dialog:visible', { has: page.locator('[data-test=transfer-confirm]') })
    await dialog.locator('.el-select__wrapper').click()
    await dialog.locator('.el-select input').fill(frag)
    await page.locator('.carrier-select-popper:visible .el-select-dropdown__item', { hasText: otherName }).first().click()
    await page.locator('[data-test=transfer-confirm]').click()

    await timeline.locator('[data-test=open-stay]', { hasText: otherName }).waitFor()
    await timeline.locator('[data-test=timeline-item]', { hasText: '转出' }).waitFor()
    const items = await timeline.locator('[data-test=timeline-item]').allInnerTexts()
    assert.ok(items.some((t) => t.includes(carrierName) && t.includes('转出')), items.join(' | '))
    assert.ok(items.some((t) => t.includes(otherName)), items.join(' | '))
    const rows = await timeline.locator('[data-test=stays-table] .el-table__body tr').count()
    assert.equal(rows, 2, 'both stays stay in the history')
    await screenshot(page, 'incubation-timeline')
  })

  it('keeps the edits when the user cancels the enterprise stale-version dialog', async () => {
    await page.goto(`${cfg.url}/enterprises/${enterpriseId}/edit`)
    const form = page.locator('[data-test=enterprise-form]')
    await page.waitForFunction(() => {
      const el = document.querySelector('input[data-test=e-name], [data-test=e-name] input')
      return el && el.value.length > 0
    })
    // Another session changes the enterprise behind the form's back.
    const status = await page.evaluate(async (id) => {
      const csrf = sessionStorage.getItem('incunet.csrf')
      const cur = await (await fetch(`/api/v1/enterprises/${id}`)).json()
      const res = await fetch(`/api/v1/enterprises/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ?? '' },
        body: JSON.stringify({ version: cur.version, industry: '人工智能' }),
      })
      return res.status
    }, enterpriseId)
    assert.equal(status, 200)
    const edited = `${enterpriseName}（改）`
    await input(form, 'e-name').fill(edited)
    await form.locator('[data-test=e-submit]').click()
    const box = page.locator('.el-message-box', { hasText: '数据已被他人修改' })
    await box.waitFor()
    await box.locator('button', { hasText: '重新加载最新数据' }).waitFor()
    await box.locator('button', { hasText: '取消' }).click()
    await box.waitFor({ state: 'hidden' })
    // Nothing was saved: the form still holds the edit and says why.
    await form.locator('[data-test=error]', { hasText: '数据已被他人修改' }).waitFor()
    assert.equal(await input(form, 'e-name').inputValue(), edited)
    assert.match(new URL(page.url()).pathname, /\/edit$/)
    const saved = await page.evaluate(async (id) => (await (await fetch(`/api/v1/enterprises/${id}`)).json()).name, enterpriseId)
    assert.equal(saved, enterpriseName)
  })

  it('shows the users and audit pages (or why they are empty)', async () => {
    await page.goto(`${cfg.url}/users`)
    await page.locator('[data-test=users]').waitFor()
    await page.locator('[data-test=users] .el-table, [data-test=error-empty]').first().waitFor()
    await page.goto(`${cfg.url}/audit`)
    await page.locator('[data-test=audit]').waitFor()
    await page.locator('[data-test=audit] .el-table, [data-test=error-empty]').first().waitFor()
  })

  it('raised no uncaught page errors', () => {
    assert.deepEqual(browser.consoleErrors, [])
  })
})
