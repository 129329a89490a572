import { axeViolations, phonePage, screenshot, setUpServerAndBrowser, shown } from '../support/browser'
import { CARE, sizeProblems, STANDARD } from '../support/measure'
import { httpRequest } from '../support/server-process'

const env = setUpServerAndBrowser()

/** Every resident page, with a text that shows it has loaded. The elder persona has care mode on; resident does not. */
const RESIDENT_PAGES: { path: string; ready: string }[] = [
  { path: '/pages/home/index', ready: '看公告' },
  { path: '/pages/notices/index', ready: '关于小区电梯年度检验的通知' },
  { path: '/pages/notices/detail?id=1', ready: '关于小区电梯年度检验的通知' },
  { path: '/pages/me/index', ready: '长辈模式' },
  { path: '/pages/messages/index', ready: '还没有消息' },
  { path: '/pages/messages/settings', ready: '报修进度' },
  { path: '/pages/bind-household/index', ready: '绑定我的房屋' },
  { path: '/pages/welcome/index', ready: '您想怎么看' },
  { path: '/pages/polls/index', ready: '是否同意更换1号楼电梯' },
  { path: '/pages/polls/detail?id=1', ready: '是否同意更换1号楼电梯' },
  { path: '/pages/repairs/index', ready: '厨房水龙头一直滴水' },
  { path: '/pages/repairs/new', ready: '提交报修' },
  { path: '/pages/repairs/new?full=1', ready: '紧急程度和上门时间' },
  { path: '/pages/repairs/detail?id=1', ready: '处理进度' },
  { path: '/packages/sorting/index', ready: '定时定点投放' },
]

test('care mode home: five big tiles, the newest important notice read aloud, nothing else', async () => {
  const page = await phonePage(env.browser)
  await page.goto(`${env.server.origin}/#/pages/login/index?persona=elder`)
  await page.waitForURL(/pages\/home\/index/)
  await page.getByText('王阿姨，您好').waitFor()
  const tiles = await page.locator('.ll-care .ll-tile').allTextContents()
  expect(tiles.map((t) => t.replace(/\d.*$/, '').replace(/(没看|等您投票)$/, ''))).toEqual(['看公告', '去投票', '我要报修', '垃圾怎么分', '打电话给物业'])
  await page.getByText('重要公告').waitFor()
  await page.getByRole('link', { name: /打开公告：关于小区电梯年度检验的通知/ }).waitFor()
  await page.getByRole('button', { name: '读给我听' }).waitFor()
  await expect(page.getByText('消息（').count()).resolves.toBe(0)
  await page.getByRole('link', { name: /^我要报修/ }).click()
  await page.waitForURL(/pages\/repairs\/new/)
  await page.context().close()
}, 60_000)

/** Care mode is a setting of the account: the same resident is measured in both layouts. */
async function setCareMode(token: string, careMode: boolean) {
  await httpRequest(`${env.server.origin}/api/v1/me`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ careMode }) })
}

for (const [mode, floors] of [
  ['standard', STANDARD],
  ['care', CARE],
] as const) {
  test(`${mode} mode: every resident page passes axe and the size floors`, async () => {
    const page = await phonePage(env.browser)
    await page.goto(`${env.server.origin}/#/pages/login/index?persona=resident`)
    await page.waitForURL(/pages\/home\/index/)
    await shown(page, '看公告')
    const token = (await page.evaluate(() => localStorage.getItem('linli.token'))) ?? ''
    await setCareMode(JSON.parse(token).data ?? token, mode === 'care')
    const failures: string[] = []
    for (const p of RESIDENT_PAGES) {
      await page.goto(`${env.server.origin}/#${p.path}`)
      await page.reload()
      await shown(page, p.ready)
      await screenshot(page, `${mode}-resident-${p.path.replace(/^\/(pages|packages)\//, '').replace(/[/?=]/g, '-')}`)
      for (const v of await axeViolations(page)) failures.push(`${p.path} axe: ${v}`)
      for (const s of await sizeProblems(page, floors)) failures.push(`${p.path} ${s}`)
    }
    expect(failures).toEqual([])
    await page.context().close()
  }, 180_000)
}

/** The work pages of representatives, staff and repair workers: standard layout (WCAG 2.2 AA floors), as the persona who uses them. */
const WORK_PAGES: { persona: string; path: string; ready: string }[] = [
  { persona: 'staff', path: '/packages/staff/notice-edit', ready: '发给谁' },
  { persona: 'rep', path: '/packages/staff/notice-receipts?id=1', ready: '总体' },
  { persona: 'rep', path: '/packages/staff/poll-edit', ready: '表决规则' },
  { persona: 'rep', path: '/packages/staff/poll-console?id=1', ready: '未投票的住户' },
  { persona: 'staff', path: '/packages/staff/repair-queue', ready: '厨房水龙头一直滴水' },
  { persona: 'worker', path: '/packages/staff/repair-jobs', ready: '待完成' },
  { persona: 'staff', path: '/packages/sorting/staff', ready: '添加物品' },
]

test('work pages (representative, staff, worker) pass axe and the standard size floors', async () => {
  const failures: string[] = []
  for (const persona of [...new Set(WORK_PAGES.map((p) => p.persona))]) {
    const page = await phonePage(env.browser)
    await page.goto(`${env.server.origin}/#/pages/login/index?persona=${persona}`)
    await page.waitForURL(/pages\/home\/index/)
    await shown(page, '看公告')
    for (const p of WORK_PAGES.filter((w) => w.persona === persona)) {
      await page.goto(`${env.server.origin}/#${p.path}`)
      await page.reload()
      await shown(page, p.ready)
      await screenshot(page, `standard-${persona}-${p.path.replace(/^\/(pages|packages)\//, '').replace(/[/?=]/g, '-')}`)
      for (const v of await axeViolations(page)) failures.push(`${persona} ${p.path} axe: ${v}`)
      for (const s of await sizeProblems(page, STANDARD)) failures.push(`${persona} ${p.path} ${s}`)
    }
    await page.context().close()
  }
  expect(failures).toEqual([])
}, 180_000)
