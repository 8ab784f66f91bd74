// Shared helpers for the console's browser tests: the browser, login, Element Plus widgets, test data.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const resultsDir = resolve(here, '../../test-results')

/** Server under test and the admin account, from the environment (set by the project's test command). */
export function config() {
  const url = process.env.INCUNET_URL
  const login = process.env.INCUNET_ADMIN_LOGIN
  const password = process.env.INCUNET_ADMIN_PASSWORD
  const missing = [
    ['INCUNET_URL', url],
    ['INCUNET_ADMIN_LOGIN', login],
    ['INCUNET_ADMIN_PASSWORD', password],
  ]
    .filter(([, v]) => !v)
    .map(([k]) => k)
  if (missing.length) {
    throw new Error(`set ${missing.join(', ')} (the console's URL and an admin account) to run the browser tests`)
  }
  return { url: url.replace(/\/+$/, ''), login, password }
}

/**
 * Starts Debian's chromium headless with a fresh profile in a temp dir.
 * Returns { context, page, close }; close() also removes the profile.
 */
export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'incunet-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const consoleErrors = []
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  mkdirSync(resultsDir, { recursive: true })
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page, name) {
  const file = join(resultsDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** The native input of an el-input marked data-test=name (Element Plus puts the attribute on the input itself). */
export function input(scope, name) {
  return scope.locator(`input[data-test=${name}], [data-test=${name}] input`).first()
}

/** Signs in through the login page (navigate: false when the console already redirected there). */
export async function login(page, cfg, { navigate = true } = {}) {
  if (navigate) await page.goto(`${cfg.url}/login`)
  await input(page, 'login-name').fill(cfg.login)
  await input(page, 'login-password').fill(cfg.password)
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => new URL(u).pathname !== '/login')
}

/** Opens an el-select (the element itself or a container holding it) and picks the option with this text. */
export async function pickOption(page, select, text) {
  await select.locator('.el-select__wrapper').first().click()
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first()
  await option.click()
}

/** Walks an el-cascader: clicks the input, then each label in turn (the last one closes it). */
export async function pickCascader(page, container, labels) {
  await container.locator('.el-cascader').first().click()
  for (const label of labels) {
    const node = page.locator('.el-cascader__dropdown:visible .el-cascader-node', {
      has: page.locator('.el-cascader-node__label', { hasText: new RegExp(`^${label}$`) }),
    })
    await node.first().click()
  }
}

/** Types a date into an el-date-picker inside the container. */
export async function fillDate(container, date) {
  const input = container.locator('input').first()
  await input.click()
  await input.fill(date)
  await input.press('Enter')
}

const CHECK = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A random unified social credit code with a correct GB 32100-2015 check character. */
export function randomUscc(regionCode = '110108') {
  let body = `91${regionCode}`
  while (body.length < 17) body += CHECK[Math.floor(Math.random() * CHECK.length)]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHECK.indexOf(body[i]) * WEIGHTS[i]
  return body + CHECK[(31 - (sum % 31)) % 31]
}

/** Two Chinese characters that are unlikely to appear together in any demo name. */
export function uniqueFragment() {
  const pool = '琨瑶璇珂琪瑾璐翎翊翱骁骐麟鸾凇霁岚峤琮瑜璋珩玥琰瑛珏'
  const a = pool[Math.floor(Math.random() * pool.length)]
  let b = a
  while (b === a) b = pool[Math.floor(Math.random() * pool.length)]
  return a + b
}

/**
 * Signs in to the API directly (no browser) and returns call(method, path, body) → parsed JSON,
 * throwing on a non-2xx answer. Used to set up test data.
 */
export async function apiSession(cfg, login, password) {
  const res = await fetch(`${cfg.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
  const { csrf_token: csrf } = await res.json()
  return async function call(method, path, body) {
    const r = await fetch(`${cfg.url}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
}

/** Signs out through the header button and waits for the login page. */
export async function logout(page) {
  await page.locator('[data-test=logout]').click()
  await page.waitForURL(/\/login/)
}
