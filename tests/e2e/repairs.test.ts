import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { axeViolations, screenshot, setUpServerAndBrowser, shown } from '../support/browser'

const env = setUpServerAndBrowser()

/**
 * Axe on the page that shows `text`, once it is the only page exposed. Toasts are transient overlays outside the
 * page's landmarks: they must be gone first.
 */
async function axeClean(page: Page, text: string) {
  await shown(page, text)
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((el) => getComputedStyle(el).display === 'none'))
  return axeViolations(page)
}

const DESCRIPTION = '卫生间地漏反水，有异味'

test('a resident reports with a photo → staff assign → the worker resolves → the resident sees the timeline and rates → the queue shows it closed', async () => {
  const resident = await env.signIn('resident')
  await env.open(resident, '/pages/repairs/new', '提交报修')
  await resident.getByRole('radio', { name: '管道疏通' }).click()
  await resident.getByRole('radio', { name: '我家' }).waitFor()
  await resident.locator('textarea[aria-label="问题描述"]').fill(DESCRIPTION)
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg().toBuffer()
  const chooser = resident.waitForEvent('filechooser')
  await resident.getByRole('button', { name: '添加照片（拍照或从相册选择）' }).click()
  await (await chooser).setFiles({ name: 'drain.jpg', mimeType: 'image/jpeg', buffer: photo })
  await resident.getByRole('button', { name: '删除照片 1' }).waitFor({ timeout: 15_000 })
  await screenshot(resident, 'standard-resident-repair-new')
  expect(await axeClean(resident, '提交报修')).toEqual([])
  await resident.getByRole('button', { name: '提交报修' }).click()
  const modal = resident.locator('.taro__modal')
  await modal.getByText('报修已提交').waitFor()
  await modal.getByText('查看进度').click()
  await resident.waitForURL(/pages\/repairs\/detail\?id=\d+/)
  const id = Number(/id=(\d+)/.exec(resident.url())![1])
  await resident.getByText(DESCRIPTION).first().waitFor()
  await resident.getByRole('button', { name: '查看照片 1' }).waitFor()
  await resident.context().close()

  const staff = await env.signIn('staff')
  await env.open(staff, `/pages/repairs/detail?id=${id}`, DESCRIPTION)
  expect(await axeClean(staff, DESCRIPTION)).toEqual([])
  await staff.getByRole('button', { name: '派单', exact: true }).click()
  await staff.getByText(/赵师傅（在办 \d+）/).click()
  await staff.getByText('派单 → 已派单').waitFor()
  await staff.context().close()

  const worker = await env.signIn('worker')
  await env.open(worker, '/packages/staff/repair-jobs', '待完成')
  await worker.getByRole('link', { name: new RegExp(DESCRIPTION.slice(0, 4)) }).or(worker.getByText(DESCRIPTION)).first().click()
  await worker.waitForURL(new RegExp(`pages/repairs/detail\\?id=${id}`))
  await worker.getByRole('button', { name: '开始维修' }).click()
  await worker.getByText('开始维修 → 维修中').waitFor()
  await worker.locator('textarea[aria-label="说明或留言"]').fill('已疏通地漏')
  await worker.getByRole('button', { name: '已修好', exact: true }).click()
  await worker.getByText('已修好 → 已修好').waitFor()
  await worker.context().close()

  const back = await env.signIn('resident')
  await env.open(back, `/pages/repairs/detail?id=${id}`, DESCRIPTION)
  for (const step of ['提交报修', '派单 → 已派单', '开始维修 → 维修中', '已修好 → 已修好', '已疏通地漏']) await back.getByText(step).first().waitFor()
  await back.getByRole('radio', { name: '总体 4 星' }).click()
  await screenshot(back, 'standard-resident-repair-detail')
  expect(await axeClean(back, DESCRIPTION)).toEqual([])
  await back.getByRole('button', { name: '提交评价' }).click()
  await back.getByText('总体 4 星 · 速度 5 星 · 态度 5 星').first().waitFor()
  await back.context().close()

  const office = await env.signIn('staff')
  // Let the queue's first answer arrive (the page settles) before changing the filter.
  await env.open(office, '/packages/staff/repair-queue', '厨房水龙头一直滴水')
  await office.locator('[role="radio"][aria-label="已结束"]:visible').click()
  const card = office.getByRole('link', { name: new RegExp(`已完成.*管道疏通`) })
  await card.first().waitFor()
  await screenshot(office, 'standard-staff-repair-queue')
  expect(await axeClean(office, '管道疏通')).toEqual([])
  await office.context().close()
}, 120_000)

test('the public list offers 我也遇到了 and counts the tap', async () => {
  const elder = await env.signIn('rep')
  await env.open(elder, '/pages/repairs/index', '小区公共问题')
  await elder.getByRole('tab', { name: '小区公共问题' }).click()
  await elder.getByText('1号楼北侧小路路灯').first().waitFor()
  // 李楼长 reported it himself: no +1 for his own ticket.
  expect(await elder.getByRole('button', { name: /我也遇到了/ }).count()).toBe(0)
  await elder.context().close()

  const neighbour = await env.signIn('resident')
  await env.open(neighbour, '/pages/repairs/index', '小区公共问题')
  await neighbour.getByRole('tab', { name: '小区公共问题' }).click()
  await neighbour.getByRole('button', { name: '我也遇到了，已有 1 人' }).click()
  await neighbour.getByRole('button', { name: '已点我也遇到了，共 2 人' }).waitFor()
  expect(await axeClean(neighbour, '1号楼北侧小路路灯')).toEqual([])
  await neighbour.context().close()
}, 60_000)
