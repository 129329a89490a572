import type { Browser } from 'playwright-core'
import { axeViolations, launchBrowser, phonePage, screenshot } from '../support/browser'
import { CARE, sizeProblems, STANDARD } from '../support/measure'
import { startServer, type ServerProcess } from '../support/server-process'

let server: ServerProcess
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Every resident page, with a text that shows it has loaded. The elder persona has care mode on; resident does not. */
const RESIDENT_PAGES: { path: string; ready: string }[] = [
  { path: '/pages/home/index', ready: '看公告' },
  { path: '/pages/notices/index', ready: '关于小区电梯年度检验的通知' },
  { path: '/pages/notices/detail?id=1', ready: '关于小区电梯年度检验的通知' },
  { path: '/pages/me/index', ready: '长辈模式' },
  { path: '/pages/messages/index', ready: '还没有消息' },
  { path: '/pages/messages/settings', ready: '报修进度' },
  { path: '/pages/bind-household/index', ready: '绑定我的房屋' },
]

for (const [mode, persona, floors] of [
  ['standard', 'resident', STANDARD],
  ['care', 'elder', CARE],
] as const) {
  test(`${mode} mode: every resident page passes axe and the size floors`, async () => {
    const page = await phonePage(browser)
    await page.goto(`${server.origin}/#/pages/login/index?persona=${persona}`)
    await page.waitForURL(/pages\/home\/index/)
    const failures: string[] = []
    for (const p of RESIDENT_PAGES) {
      await page.goto(`${server.origin}/#${p.path}`)
      await page.getByText(p.ready).first().waitFor()
      await page.waitForTimeout(300)
      await screenshot(page, `${mode}-${persona}-${p.path.replace(/^\/pages\//, '').replace(/[/?=]/g, '-')}`)
      for (const v of await axeViolations(page)) failures.push(`${p.path} axe: ${v}`)
      for (const s of await sizeProblems(page, floors)) failures.push(`${p.path} ${s}`)
    }
    expect(failures).toEqual([])
    await page.context().close()
  }, 120_000)
}
