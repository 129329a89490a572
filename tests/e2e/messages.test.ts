import type { Page } from 'playwright-core'
import { axeViolations, screenshot, setUpServerAndBrowser, shown, until } from '../support/browser'

const env = setUpServerAndBrowser()

/**
 * Delivery runs in the background. The resident's unread count is read before the action, and the test goes on once
 * the server has delivered exactly the one message the action causes: messages left by other tests (or a test
 * that failed half-way) only shift the starting point.
 */
const unread = async (): Promise<number> => (await env.api('resident', 'GET', '/messages/unread-count')).count
const deliveredOneMore = (before: number) => until(unread, (n) => n === before + 1)

test('a reminder from the representative reaches the resident’s message centre and opens the notice', async () => {
  const notices = await env.api('rep', 'GET', '/notices')
  const target = (notices.items as { id: number; title: string }[]).find((n) => n.title.endsWith('本周六上午停水'))!
  const before = await unread()
  const reminded = await env.api('rep', 'POST', `/notices/${target.id}/remind`)
  expect(reminded.people).toBeGreaterThanOrEqual(1)
  const count = await deliveredOneMore(before)

  const page: Page = await env.signIn('resident')
  await page.getByRole('button', { name: `消息（${count} 条未读）`, exact: true }).click()
  await page.waitForURL(/pages\/messages\/index/)
  const message = page.getByRole('link', { name: new RegExp(`未读，提醒：${target.title}`) })
  await shown(page, `提醒：${target.title}`)
  await screenshot(page, 'standard-resident-messages')
  expect(await axeViolations(page)).toEqual([])
  await message.click()
  await page.waitForURL(new RegExp(`pages/notices/detail\\?id=${target.id}`))
  await shown(page, '请提前储水')
  expect(await unread()).toBe(count - 1)
  await page.context().close()
}, 60_000)

test('staff accept a ticket → the reporter’s message badge shows one more → opening it lands on the ticket', async () => {
  const before = await unread()
  const created = await env.api('resident', 'POST', '/repairs', { category: 'doors_windows', location: { kind: 'home' }, description: '阳台推拉门关不严，冬天漏风', urgency: 'normal', photoIds: [] })
  expect(created.status).toBe('submitted')
  const accepted = await env.api('staff', 'POST', `/repairs/${created.id}/transitions`, { action: 'accept' })
  expect(accepted.status).toBe('accepted')
  const count = await deliveredOneMore(before)

  const page: Page = await env.signIn('resident')
  const tabs = page.locator('.taro-tabbar__tabbar')
  // The 我的 tab carries the message badge (the 公告 tab has its own); the entry on 我的 says how many are unread.
  const badge = tabs.locator('.weui-tabbar__item', { hasText: '我的' }).locator('.weui-badge:visible')
  await badge.waitFor()
  await expect(badge.textContent()).resolves.toBe(String(count))
  await tabs.getByText('我的', { exact: true }).click()
  await shown(page, '长辈模式')
  await page.getByRole('button', { name: `我的消息（${count} 条未读）`, exact: true }).click()
  await page.waitForURL(/pages\/messages\/index/)
  const message = page.getByRole('link', { name: /未读，您的门窗报修已受理/ })
  await message.click()
  await page.waitForURL(new RegExp(`pages/repairs/detail\\?id=${created.id}`))
  await shown(page, '阳台推拉门关不严，冬天漏风')
  await page.locator(':text("已受理"):visible').first().waitFor()
  expect(await unread()).toBe(count - 1)
  await page.context().close()
}, 60_000)
