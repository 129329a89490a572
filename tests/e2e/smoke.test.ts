import type { Page } from 'playwright-core'
import { axeViolations, phonePage, screenshot, setUpServerAndBrowser, shown } from '../support/browser'
import { httpRequest } from '../support/server-process'

const env = setUpServerAndBrowser()

const TABS = [
  { label: '首页', route: 'pages/home/index', text: '看公告' },
  { label: '公告', route: 'pages/notices/index', text: '关于小区电梯年度检验的通知' },
  { label: '报修', route: 'pages/repairs/index', text: '小区公共问题' },
  { label: '我的', route: 'pages/me/index', text: '长辈模式' },
]

async function visibleText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 })
}

test('a demo persona signs in with one link and visits every tab, with no axe violation', async () => {
  const page = await phonePage(env.browser)
  await page.goto(`${env.server.origin}/#/pages/login/index?persona=resident`)
  await visibleText(page, '陈女士，1号楼1单元301')
  for (const tab of TABS) {
    await page.locator('.taro-tabbar__tabbar').getByText(tab.label, { exact: true }).click()
    await page.waitForURL(new RegExp(`#/${tab.route}`))
    await shown(page, tab.text)
    await screenshot(page, `standard-resident-${tab.route.split('/')[1]}`)
    expect(await axeViolations(page)).toEqual([])
  }
  await page.context().close()
}, 60_000)

test('the login page offers every persona and passes axe', async () => {
  const page = await phonePage(env.browser)
  await page.goto(`${env.server.origin}/#/pages/login/index`)
  await shown(page, '演示账号')
  await page.getByRole('button', { name: '物业客服' }).waitFor()
  await screenshot(page, 'standard-login')
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: '物业客服' }).click()
  await visibleText(page, '物业小周')
  await page.context().close()
}, 60_000)

test('a neighbour registers in the browser with an invite code from the admin, and the care-mode switch persists', async () => {
  const login = await httpRequest(`${env.server.origin}/api/v1/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"persona":"admin"}' })
  const auth = { authorization: `Bearer ${JSON.parse(login.text).token}` }
  const households = JSON.parse((await httpRequest(`${env.server.origin}/api/v1/admin/households`, { headers: auth })).text).items as { id: number; building: string; unit: string; room: string }[]
  const target = households.find((h) => h.building === '3号楼' && h.room === '702')!
  const invite = await httpRequest(`${env.server.origin}/api/v1/admin/invites`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ householdIds: [target.id] }) })
  const code = JSON.parse(invite.text).items[0].code as string

  const page = await phonePage(env.browser)
  await page.goto(`${env.server.origin}/#/pages/login/index`)
  await page.getByRole('button', { name: '第一次使用？用邀请码注册' }).click()
  await page.locator('input[aria-label="邀请码"]').fill(code)
  await page.locator('input[aria-label="手机号"]').fill('13700001111')
  await page.locator('input[aria-label="密码"]').fill('a-long-password')
  await page.getByRole('button', { name: '注册并绑定房屋' }).click()
  // A first sign-in on this phone asks which layout to use.
  await page.waitForURL(/pages\/welcome\/index/)
  await shown(page, '您想怎么看')
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: '选择标准模式' }).click()
  await visibleText(page, `3号楼${target.unit}单元702`)

  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click()
  const toggle = page.getByRole('switch', { name: '长辈模式' })
  await expect(toggle.getAttribute('aria-checked')).resolves.toBe('false')
  await toggle.click()
  await page.waitForFunction(() => document.querySelector('.ll-care') !== null)
  await screenshot(page, 'care-me')
  // The setting is on the account: a reload (a new phone, in effect) comes back in care mode.
  await page.reload()
  await page.waitForFunction(() => document.querySelector('.ll-care') !== null)
  await expect(page.getByRole('switch', { name: '长辈模式' }).getAttribute('aria-checked')).resolves.toBe('true')
  await page.context().close()
}, 60_000)
