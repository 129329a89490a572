import fs from 'node:fs'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import { httpRequest, startServer, type ServerProcess } from './server-process'
import { waitFor } from './wait'

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
  await context.addInitScript(() => {
    window.exposedMains = () =>
      Array.from(document.querySelectorAll<HTMLElement>('[role="main"]')).filter((el) => !el.closest('[aria-hidden="true"],[inert]') && el.checkVisibility())
  })
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

declare global {
  interface Window {
    /** The `main` landmarks a screen reader can reach now: not inside an `aria-hidden` or `inert` subtree, and rendered. */
    exposedMains: () => HTMLElement[]
  }
}

/**
 * Waits until the page that shows `text` is on screen and is the only page exposed: one `main` landmark, and the
 * text rendered inside it. The page navigated away from is then gone for the user and for assistive technology.
 */
export async function shown(page: Page, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const mains = window.exposedMains()
      return mains.length === 1 && mains[0].innerText.includes(t)
    },
    text,
    { timeout },
  )
}

/** Asks `read` again (every 200 ms, up to `timeout`) until `done` holds for its answer; returns that answer. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout = 15_000): Promise<T> {
  let last: T | undefined
  const held = await waitFor(async () => done((last = await read())), timeout, 200)
  if (!held) throw new Error(`condition not met within ${timeout} ms; last value: ${JSON.stringify(last)}`)
  return last as T
}

export interface BrowserEnv {
  server: ServerProcess
  browser: Browser
  /** A phone page signed in as a demo persona, on the home page. */
  signIn: (persona: string) => Promise<Page>
  /** Opens an app address (`/pages/...`) in the page and waits until the page showing `text` is the one shown. */
  open: (page: Page, path: string, text: string) => Promise<void>
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
      await shown(page, '看公告')
      return page
    },
    async open(page, path, text) {
      await page.goto(`${env.server.origin}/#${path}`)
      await shown(page, text)
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
