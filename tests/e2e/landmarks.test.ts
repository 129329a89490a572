import type { Page } from 'playwright-core'
import { axeViolations, setUpServerAndBrowser, shown } from '../support/browser'

const env = setUpServerAndBrowser()

declare global {
  interface Window {
    mainsPerFrame: number[]
    stopSampling: () => void
  }
}

/** Counts the exposed `main` landmarks in every animation frame, from now until `stopSampling()`. */
async function sampleEveryFrame(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.mainsPerFrame = []
    let frame = 0
    const tick = () => {
      window.mainsPerFrame.push(window.exposedMains().length)
      frame = requestAnimationFrame(tick)
    }
    tick()
    window.stopSampling = () => cancelAnimationFrame(frame)
  })
}

/**
 * Takes one navigation step and checks the page at once — no waiting for the router's transition (300 ms) to end:
 * no frame on the way exposed two `main` landmarks, and the one exposed now is the destination (`shown` returns as
 * soon as it is, mid-transition).
 */
async function step(page: Page, act: () => Promise<unknown>, text: string): Promise<number[]> {
  await sampleEveryFrame(page)
  await act()
  await shown(page, text)
  const frames = await page.evaluate(() => {
    window.stopSampling()
    return window.mainsPerFrame
  })
  expect(Math.max(...frames)).toBe(1)
  // Playwright's accessibility tree agrees: one main landmark.
  await expect(page.getByRole('main').count()).resolves.toBe(1)
  return frames
}

test('after every navigation exactly one page is exposed as the main landmark, also during the transition', async () => {
  const page = await env.signIn('resident')
  const tabs = page.locator('.taro-tabbar__tabbar')
  const frames: number[][] = []
  // A tab not visited yet, a pushed page, back, a tab visited before, an address typed in.
  frames.push(await step(page, () => tabs.getByText('公告', { exact: true }).click(), '关于小区电梯年度检验的通知'))
  frames.push(await step(page, () => page.getByRole('link', { name: /关于小区电梯年度检验的通知/ }).first().click(), '每部电梯停用约 2 小时'))
  frames.push(await step(page, () => page.goBack(), '本周六上午停水'))
  frames.push(await step(page, () => tabs.getByText('首页', { exact: true }).click(), '看公告'))
  frames.push(await step(page, () => page.goto(`${env.server.origin}/#/pages/polls/index`), '是否同意更换1号楼电梯'))
  // The sampler really ran through the transitions (several frames per step).
  expect(frames.map((f) => f.length >= 3)).toEqual(frames.map(() => true))
  // Pages kept in the document behind the shown one cannot take the keyboard focus either.
  const focusableBehind = await page.evaluate(() => Array.from(document.querySelectorAll('.taro_page[inert] [tabindex="0"]')).length)
  expect(focusableBehind).toBeGreaterThan(0)
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.closest('.taro_page')?.hasAttribute('inert') ?? false)).toBe(false)
  await shown(page, '是否同意更换1号楼电梯')
  expect(await axeViolations(page)).toEqual([])
  await page.context().close()
}, 60_000)
