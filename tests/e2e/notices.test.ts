import { answerModal, axeViolations, screenshot, setUpServerAndBrowser, shown } from '../support/browser'

const env = setUpServerAndBrowser()

const TITLE = '1号楼消防演练，请确认收到'

test('staff publish to one building; a resident there confirms; the receipts page shows it; another building never sees it', async () => {
  const staff = await env.signIn('staff')
  await env.open(staff, '/packages/staff/notice-edit', '发给谁')
  await staff.locator('input[aria-label^="标题"]').fill(TITLE)
  await staff.locator('textarea[aria-label="正文"]').fill('本周日上午 9 点消防演练，届时警铃会响，请勿惊慌。\n详情 https://example.org/drill')
  await staff.getByRole('radio', { name: '安全提醒' }).click()
  await staff.getByRole('checkbox', { name: '1号楼' }).click()
  await staff.getByRole('switch', { name: '需要确认收到' }).click()
  await screenshot(staff, 'standard-staff-notice-edit')
  expect(await axeViolations(staff)).toEqual([])
  await staff.getByRole('button', { name: '发布', exact: true }).click()
  await answerModal(staff, '已发布', '知道了')
  await staff.waitForURL(/pages\/notices\/detail\?id=\d+/)
  const id = Number(/id=(\d+)/.exec(staff.url())![1])

  const resident = await env.signIn('resident')
  // The unread count shows on the home tile and on the 公告 tab.
  await resident.getByText(/\d+ 条未读/).waitFor()
  await resident.locator('.taro-tabbar__tabbar').getByText('公告', { exact: true }).click()
  const card = resident.getByRole('link', { name: new RegExp(`未读.*${TITLE}`) })
  await shown(resident, TITLE)
  expect(await axeViolations(resident)).toEqual([])
  await card.click()
  await shown(resident, '本周日上午 9 点消防演练')
  // The link in the plain-text body is a real link, not text and not injected HTML.
  await resident.getByRole('link', { name: 'https://example.org/drill' }).waitFor()
  await screenshot(resident, 'standard-resident-notice-detail')
  expect(await axeViolations(resident)).toEqual([])
  await resident.getByRole('button', { name: '确认收到' }).click()
  await answerModal(resident, '已确认收到', '知道了')
  await resident.getByText('已确认收到 ✓').waitFor()

  const elder = await env.signIn('elder')
  await env.open(elder, '/pages/notices/index', '关于小区电梯年度检验的通知')
  await expect(elder.getByText(TITLE).count()).resolves.toBe(0)

  await env.open(staff, `/packages/staff/notice-receipts?id=${id}`, '1/40 户（2.5%）')
  await staff.getByText('已确认收到').first().waitFor()
  await staff.getByText('未确认收到（39 户）').waitFor()
  await expect(staff.getByText('1号楼1单元301').count()).resolves.toBe(0)
  await staff.getByText('1号楼1单元101').first().waitFor()
  await screenshot(staff, 'standard-staff-notice-receipts')
  expect(await axeViolations(staff)).toEqual([])
  for (const p of [staff, resident, elder]) await p.context().close()
}, 90_000)
