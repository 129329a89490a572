import type { Page } from 'playwright-core'
import { answerModal, axeViolations, screenshot, setUpServerAndBrowser, shown } from '../support/browser'
import { CARE, sizeProblems } from '../support/measure'

const env = setUpServerAndBrowser()

/** Counts the taps a person makes: every click in these flows goes through here. */
function counter() {
  let taps = 0
  return {
    tap: async (locator: ReturnType<Page['locator']>) => {
      taps++
      await locator.click()
    },
    get taps() {
      return taps
    },
  }
}

test('care mode: vote in three taps from the care home, and the receipt stays on the page in large type', async () => {
  // A poll for the whole compound, so it is waiting for the elder's household (the demo poll is for another building).
  const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
  const created = await env.api('staff', 'POST', '/polls', { title: '是否同意在小区花园增设休息座椅', kind: 'approve', closesAt, secret: false, resultsVisibility: 'live', legalRule: 'none', voters: 'owners' })
  expect((await env.api('staff', 'POST', `/polls/${created.id}/open`)).status).toBe('open')
  const page = await env.signIn('elder')
  await page.getByText('王阿姨，您好').waitFor()
  const t = counter()
  await t.tap(page.getByRole('link', { name: /^去投票，1 个等您投票/ }))
  await page.waitForURL(/pages\/polls\/detail\?id=\d+/)
  const id = Number(/id=(\d+)/.exec(page.url())![1])
  expect(id).toBe(created.id)
  await page.getByRole('button', { name: '读题目给我听' }).waitFor()
  await t.tap(page.getByRole('radio', { name: '同意' }))
  await t.tap(page.locator('.taro__modal').getByText('投票', { exact: true }))
  await shown(page, '投票成功')
  expect(t.taps).toBe(3)

  const mine = await env.api('elder', 'GET', `/polls/${id}`)
  expect(mine.myBallot).toMatchObject({ channel: 'app' })
  await page.locator(`:text("${mine.myBallot.receipt}"):visible`).waitFor()
  await page.getByRole('button', { name: '再读一遍' }).waitFor()
  // The receipt is something to read and keep: no toast, a card on the page that passes the care floors.
  await expect(page.locator('.taro__toast:visible').count()).resolves.toBe(0)
  await screenshot(page, 'care-elder-voted')
  expect(await axeViolations(page)).toEqual([])
  expect(await sizeProblems(page, CARE)).toEqual([])
  const counted = await env.api('elder', 'GET', `/polls/${id}/receipts/${mine.myBallot.receipt}`)
  expect(counted).toEqual({ counted: true })
  await page.context().close()
}, 60_000)

test('care mode: report a repair in three taps — address and phone come from the account', async () => {
  const page = await env.signIn('elder')
  await page.getByText('王阿姨，您好').waitFor()
  const me = await env.api('elder', 'GET', '/me')
  const t = counter()
  await t.tap(page.getByRole('link', { name: /^我要报修/ }))
  await page.waitForURL(/pages\/repairs\/new/)
  await shown(page, '提交报修')
  await t.tap(page.getByRole('radio', { name: '水电' }))
  const home = me.households[0]
  await page.locator(`:text("地址：${home.building}${home.unit}单元${home.room}"):visible`).waitFor()
  expect(await sizeProblems(page, CARE)).toEqual([])
  await t.tap(page.getByRole('button', { name: '提交报修' }))
  await answerModal(page, '报修已提交', '查看进度')
  expect(t.taps).toBe(3)
  await page.waitForURL(/pages\/repairs\/detail\?id=\d+/)
  const id = Number(/id=(\d+)/.exec(page.url())![1])

  const ticket = await env.api('staff', 'GET', `/repairs/${id}`)
  expect(ticket).toMatchObject({ category: 'plumbing_electric', status: 'submitted', location: { kind: 'home' } })
  expect(ticket.location.text).toBe(`${home.building} ${home.unit}单元 ${home.room}`)
  expect(ticket.contactPhone).toBe(me.user.phone)
  await page.context().close()
}, 60_000)
