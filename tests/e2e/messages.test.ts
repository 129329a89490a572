import type { Page } from 'playwright-core'
import { axeViolations, screenshot, setUpServerAndBrowser } from '../support/browser'

const env = setUpServerAndBrowser()

test('a reminder from the representative reaches the resident’s message centre and opens the notice', async () => {
  const notices = await env.api('rep', 'GET', '/notices')
  const target = (notices.items as { id: number; title: string }[]).find((n) => n.title.endsWith('本周六上午停水'))!
  const reminded = await env.api('rep', 'POST', `/notices/${target.id}/remind`)
  expect(reminded.people).toBeGreaterThanOrEqual(1)

  const page: Page = await env.signIn('resident')
  // Delivery runs in the background: the home page shows the message once it has arrived.
  const entry = page.getByRole('button', { name: '消息（1 条未读）', exact: true })
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
  const after = await env.api('resident', 'GET', '/messages/unread-count')
  expect(after.count).toBe(0)
  await page.context().close()
}, 60_000)

test('staff accept a ticket → the reporter’s message badge shows 1 → opening it lands on the ticket', async () => {
  const created = await env.api('resident', 'POST', '/repairs', { category: 'doors_windows', location: { kind: 'home' }, description: '阳台推拉门关不严，冬天漏风', urgency: 'normal', photoIds: [] })
  expect(created.status).toBe('submitted')
  const accepted = await env.api('staff', 'POST', `/repairs/${created.id}/transitions`, { action: 'accept' })
  expect(accepted.status).toBe('accepted')

  const page: Page = await env.signIn('resident')
  const tabs = page.locator('.taro-tabbar__tabbar')
  // The 我的 tab carries the message badge (the 公告 tab has its own); the entry on 我的 says how many are unread.
  const badge = tabs.locator('.weui-tabbar__item', { hasText: '我的' }).locator('.weui-badge:visible')
  for (let i = 0; i < 10 && (await badge.count()) === 0; i++) {
    await page.waitForTimeout(500)
    await tabs.getByText('公告', { exact: true }).click()
    await tabs.getByText('首页', { exact: true }).click()
  }
  await expect(badge.first().textContent()).resolves.toBe('1')
  await tabs.getByText('我的', { exact: true }).click()
  // The hidden home page keeps its own 消息 entry in the DOM: take the one on 我的 by its full name.
  await page.getByRole('button', { name: '我的消息（1 条未读）', exact: true }).click()
  await page.waitForURL(/pages\/messages\/index/)
  const message = page.getByRole('link', { name: /未读，您的门窗报修已受理/ })
  await message.click()
  await page.waitForURL(new RegExp(`pages/repairs/detail\\?id=${created.id}`))
  await page.locator(':text("阳台推拉门关不严，冬天漏风"):visible').first().waitFor()
  await page.locator(':text("已受理"):visible').first().waitFor()
  expect((await env.api('resident', 'GET', '/messages/unread-count')).count).toBe(0)
  await page.context().close()
}, 60_000)
