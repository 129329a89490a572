import fs from 'node:fs'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import { httpRequest, startServer, type ServerProcess } from './server-process'

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium'
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts')

/** Debian's Chromium, headless, with the background-networking features off (this machine has no outside network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A phone-sized page (375 px wide, as the size rules are stated). */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  return context.newPage()
}

/** Every axe rule at every impact level; returns readable lines so a failure says what and where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')}`))
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
}

/** Taro's H5 modal: wait for its text and press the named button. */
export async function answerModal(page: Page, text: string, button: string): Promise<void> {
  const modal = page.locator('.taro__modal')
  await modal.getByText(text, { exact: false }).first().waitFor()
  await modal.getByText(button, { exact: true }).click()
  await modal.waitFor({ state: 'hidden' })
}

export interface BrowserEnv {
  server: ServerProcess
  browser: Browser
  /** A phone page signed in as a demo persona, on the home page. */
  signIn: (persona: string) => Promise<Page>
  /** Calls the API as a demo persona (a fresh demo session) and returns the parsed answer. */
  api: (persona: string, method: string, path: string, body?: unknown) => Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Starts the real server and Chromium for one test file and stops both after it.
 * Read `env.server` and `env.browser` inside the tests (they exist once beforeAll has run).
 */
export function setUpServerAndBrowser(serverEnv: Record<string, string> = {}): BrowserEnv {
  const env = {
    async signIn(persona) {
      const page = await phonePage(env.browser)
      await page.goto(`${env.server.origin}/#/pages/login/index?persona=${persona}`)
      await page.waitForURL(/pages\/home\/index/)
      // The address changes before the router has rendered the page; a test that navigates on at that moment makes
      // the router drop one of the two renders. Wait until the home page is on screen.
      await page.locator('[role="main"]:visible').filter({ hasText: '看公告' }).first().waitFor()
      return page
    },
    async api(persona, method, path, body) {
      const json = { 'content-type': 'application/json' }
      const login = await httpRequest(`${env.server.origin}/api/v1/auth/demo`, { method: 'POST', headers: json, body: JSON.stringify({ persona }) })
      const token = (JSON.parse(login.text) as { token: string }).token
      const res = await httpRequest(`${env.server.origin}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : json) }, body: body === undefined ? undefined : JSON.stringify(body) })
      return JSON.parse(res.text)
    },
  } as BrowserEnv
  beforeAll(async () => {
    env.server = await startServer(serverEnv)
    env.browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
  return env
}
