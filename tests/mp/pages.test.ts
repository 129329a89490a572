import fs from 'node:fs'
import path from 'node:path'
import { ROOT, setUpSignedInWeapp } from './harness'

const appJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as { pages: string[]; tabBar: { list: { pagePath: string }[] } }

// Signed in as the demo resident through the real server before the app loads, as a returning user would be.
const env = setUpSignedInWeapp('resident')

test('the build lists every page and the tab bar', () => {
  expect(appJson.pages).toEqual(
    expect.arrayContaining(['pages/home/index', 'pages/notices/index', 'pages/polls/index', 'pages/repairs/index', 'pages/me/index', 'pages/login/index', 'pages/bind-household/index']),
  )
  expect(appJson.tabBar.list.map((x) => x.pagePath)).toEqual(['pages/home/index', 'pages/notices/index', 'pages/repairs/index', 'pages/me/index'])
})

const expectations: Record<string, string[]> = {
  'pages/home/index': ['绿苑小区', '陈女士', '看公告', '打电话给物业'],
  'pages/notices/index': ['关于小区电梯年度检验的通知', '未读'],
  'pages/notices/detail?id=1': ['关于小区电梯年度检验的通知', '物业服务中心'],
  'pages/polls/index': ['进行中', '已结束', '是否同意更换1号楼电梯', '1号楼'],
  'pages/polls/detail?id=1': ['是否同意更换1号楼电梯', '业主共同决定（重大事项）', '同意', '反对', '弃权', '提交投票', '投票结果'],
  'pages/repairs/index': ['我要报修', '我的报修', '厨房水龙头一直滴水'],
  'pages/repairs/new': ['哪类问题', '管道疏通', '我家', '提交报修'],
  'pages/repairs/detail?id=1': ['厨房水龙头一直滴水', '处理进度', '维修师傅：赵师傅', '139****1234', '催一催'],
  'packages/sorting/index': ['定时定点投放', '7:00–9:00、18:00–20:00，3号楼东侧'],
  'pages/me/index': ['陈女士', '1号楼 1单元 301（业主）', '长辈模式'],
  'pages/login/index': ['微信一键登录', '演示账号'],
  'pages/bind-household/index': ['绑定我的房屋', '业主', '家属', '租户'],
  'pages/messages/index': ['还没有消息'],
  'pages/messages/settings': ['报修进度', '新公告'],
}

test.each(Object.entries(expectations))('%s renders with real data', async (target, texts) => {
  const [route, search = ''] = target.split('?')
  const page = await env.h.loadPage(route!, Object.fromEntries(new URLSearchParams(search)))
  await env.h.settle(400)
  for (const text of texts) expect(page.dom.textContent).toContain(text)
  page.detach()
})

test('a home tile navigates to its tab', async () => {
  const page = await env.h.loadPage('pages/home/index')
  await env.h.settle(400)
  // Taro's weapp templates carry no aria attributes, so the tile is found by its text; the tap goes through
  // j-component's event system to Taro's `eh` handler, as a real tap would.
  const label = Array.from(page.dom.querySelectorAll<HTMLElement>('wx-text')).find((el) => el.textContent === '看公告')
  const sid = label?.parentElement?.getAttribute('data-sid')
  expect(sid).toBeTruthy()
  const tile = page.querySelector(`#${sid}`)
  expect(tile).not.toBeNull()
  tile!.dispatchEvent('tap')
  await env.h.settle(50)
  const nav = env.h.calls.filter((c) => c.api === 'switchTab').pop()
  expect(nav?.options.url).toBe('/pages/notices/index')
  page.detach()
})
