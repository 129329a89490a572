import type { Page } from 'playwright-core'
import { axeViolations, phonePage, screenshot, setUpServerAndBrowser } from '../support/browser'
import { httpRequest } from '../support/server-process'

const env = setUpServerAndBrowser()

async function api(persona: string, method: string, path: string, body?: unknown) {
  const login = await httpRequest(`${env.server.origin}/api/v1/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) })
  const token = JSON.parse(login.text).token as string
  const res = await httpRequest(`${env.server.origin}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
  return JSON.parse(res.text)
}

test('a reminder from the representative reaches the resident’s message centre and opens the notice', async () => {
  const notices = await api('rep', 'GET', '/notices')
  const target = (notices.items as { id: number; title: string }[]).find((n) => n.title.endsWith('本周六上午停水'))!
  const reminded = await api('rep', 'POST', `/notices/${target.id}/remind`)
  expect(reminded.people).toBeGreaterThanOrEqual(1)

  const page: Page = await phonePage(env.browser)
  await page.goto(`${env.server.origin}/#/pages/login/index?persona=resident`)
  await page.waitForURL(/pages\/home\/index/)
  // Delivery runs in the background: the home page shows the message once it has arrived.
  const entry = page.getByRole('button', { name: /消息（1 条未读）/ })
  for (let i = 0; i < 10 && !(await entry.isVisible()); i++) {
    await page.waitForTimeout(500)
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click()
    await page.locator('.taro-tabbar__tabbar').getByText('首页', { exact: true }).click()
  }
  await entry.click()
  await page.waitForURL(/pages\/messages\/index/)
  const message = page.getByRole('link', { name: new RegExp(`未读，提醒：${target.title}`) })
  await message.waitFor()
  await screenshot(page, 'standard-resident-messages')
  expect(await axeViolations(page)).toEqual([])
  await message.click()
  await page.waitForURL(new RegExp(`pages/notices/detail\\?id=${target.id}`))
  await page.getByText('请提前储水').waitFor()
  const after = await api('resident', 'GET', '/messages/unread-count')
  expect(after.count).toBe(0)
  await page.context().close()
}, 60_000)
