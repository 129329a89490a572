import { setUpSignedInWeapp, type SimComponent } from './harness'

const env = setUpSignedInWeapp('elder')

/** Taps the tile whose label is `label`, through j-component's events, as a finger would. */
function tapTile(page: SimComponent, label: string) {
  const text = Array.from(page.dom.querySelectorAll<HTMLElement>('wx-text')).find((el) => el.textContent === label)
  const sid = text?.parentElement?.getAttribute('data-sid')
  expect(sid).toBeTruthy()
  page.querySelector(`#${sid}`)!.dispatchEvent('tap')
}

test('in WeChat the care home shows five big tiles and the important notice, and its tiles navigate', async () => {
  const page = await env.h.loadPage('pages/home/index')
  await env.h.settle(800)
  const text = page.dom.textContent ?? ''
  expect(text).toContain('王阿姨，您好')
  for (const label of ['看公告', '去投票', '我要报修', '垃圾怎么分', '打电话给物业']) expect(text).toContain(label)
  expect(text).toContain('重要公告')
  expect(page.dom.querySelector('.page--ll-care')).not.toBeNull()

  tapTile(page, '我要报修')
  await env.h.settle(50)
  expect(env.h.calls.filter((c) => c.api === 'navigateTo').pop()?.options.url).toBe('/pages/repairs/new')
  tapTile(page, '垃圾怎么分')
  await env.h.settle(50)
  expect(env.h.calls.filter((c) => c.api === 'navigateTo').pop()?.options.url).toBe('/packages/sorting/index')
  tapTile(page, '看公告')
  await env.h.settle(50)
  expect(env.h.calls.filter((c) => c.api === 'switchTab').pop()?.options.url).toBe('/pages/notices/index')
  tapTile(page, '打电话给物业')
  await env.h.settle(50)
  expect(env.h.calls.filter((c) => c.api === 'makePhoneCall').pop()?.options.phoneNumber).toBe('02164000000')
  page.detach()
})
