import type { Page } from 'playwright-core'
import { axeViolations, screenshot, setUpServerAndBrowser, shown } from '../support/browser'

const env = setUpServerAndBrowser()

async function visibleText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 })
}

async function openGuide(persona: string): Promise<Page> {
  const page = await env.signIn(persona)
  await page.getByRole('link', { name: '垃圾怎么分' }).click()
  await page.waitForURL(/#\/packages\/sorting\/index/)
  await shown(page, '四类垃圾怎么分')
  return page
}

const search = (page: Page) => page.locator('input[aria-label="查询物品怎么分类"]')
const firstResult = (page: Page) => page.locator('.ll-sorting-result').first()

test('"xg" finds 西瓜: 湿垃圾 in the Shanghai compound, with the drop-off schedule on top; no axe violation', async () => {
  const page = await openGuide('resident')
  await visibleText(page, '今天 7:00–9:00、18:00–20:00，3号楼东侧')
  expect(await axeViolations(page)).toEqual([])
  await search(page).fill('xg')
  await firstResult(page).getByText('西瓜', { exact: true }).waitFor()
  await expect(firstResult(page).locator('.ll-sorting-result__label').textContent()).resolves.toBe('湿垃圾')
  await screenshot(page, 'sorting-shanghai-xg')
  expect(await axeViolations(page)).toEqual([])
  // Works offline: the dictionary is on the phone.
  await page.context().setOffline(true)
  await search(page).fill('dagutou')
  await firstResult(page).getByText('大骨头', { exact: true }).waitFor()
  await expect(firstResult(page).locator('.ll-sorting-result__label').textContent()).resolves.toBe('干垃圾')
  await page.context().close()
}, 60_000)

test('"xg" finds 西瓜: 厨余垃圾 in the national-rules compound', async () => {
  const page = await openGuide('resident_b')
  await search(page).fill('xg')
  await firstResult(page).getByText('西瓜', { exact: true }).waitFor()
  await expect(firstResult(page).locator('.ll-sorting-result__label').textContent()).resolves.toBe('厨余垃圾')
  await page.context().close()
}, 60_000)

test('a missed query reaches the staff list; once staff add it, residents find it', async () => {
  const resident = await openGuide('resident')
  await search(resident).fill('电子宠物蛋')
  await visibleText(resident, '没有找到这个物品')
  await resident.getByRole('button', { name: '没找到？告诉物业' }).click()
  await visibleText(resident, '已经告诉物业“电子宠物蛋”查不到')

  const staff = await openGuide('staff')
  await staff.getByRole('button', { name: '管理分类：查不到的物品、投放时间' }).click()
  await staff.waitForURL(/#\/packages\/sorting\/staff/)
  await shown(staff, '添加物品')
  const row = staff.getByRole('button', { name: /^电子宠物蛋，1 次/ })
  await row.waitFor()
  expect(await axeViolations(staff)).toEqual([])
  await row.click()
  await expect(staff.locator('input[aria-label="物品名称"]').inputValue()).resolves.toBe('电子宠物蛋')
  await staff.getByRole('radio', { name: '可回收物' }).click()
  await staff.getByRole('button', { name: '添加到本小区词典' }).click()
  await staff.getByRole('button', { name: /^电子宠物蛋，1 次，已能查到/ }).waitFor()
  await screenshot(staff, 'sorting-staff')
  await staff.context().close()

  // A fresh visit revalidates the stored dictionary (its version changed) and finds the new item locally.
  await resident.reload()
  await shown(resident, '四类垃圾怎么分')
  await search(resident).fill('dzcwd')
  await firstResult(resident).getByText('电子宠物蛋', { exact: true }).waitFor()
  await expect(firstResult(resident).locator('.ll-sorting-result__label').textContent()).resolves.toBe('可回收物')
  await resident.context().close()
}, 90_000)
