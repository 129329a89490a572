import fs from 'node:fs'
import path from 'node:path'
import { ROOT, setUpSignedInWeapp, type SimComponent } from './harness'

const TEMPLATES = { 'repair.status': 'tmpl-repair-status', 'repair.comment': 'tmpl-repair-comment', 'poll.closing': 'tmpl-poll-closing' }

const PAGE_META = '<page-meta root-font-size="system" page-font-size="system"></page-meta>\n'

// WeChat configured with subscribe templates; nothing here reaches WeChat (demo users have no openid).
const env = setUpSignedInWeapp('elder', { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret', WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TEMPLATES: JSON.stringify(TEMPLATES) })

/** Taps the innermost view whose whole text is `label`, through j-component's events. */
function tapView(page: SimComponent, label: string) {
  const view = Array.from(page.dom.querySelectorAll<HTMLElement>('wx-view')).filter((el) => el.textContent?.trim() === label).pop()
  const sid = view?.getAttribute('data-sid')
  expect(sid).toBeTruthy()
  page.querySelector(`#${sid}`)!.dispatchEvent('tap')
}

function pagesOf(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] }
  return [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

test('every page starts with page-meta following the system font size, and text sizes are in rem', () => {
  const pages = pagesOf()
  expect(pages.length).toBeGreaterThan(15)
  for (const page of pages) {
    const wxml = fs.readFileSync(path.join(ROOT, `${page}.wxml`), 'utf8')
    expect({ page, start: wxml.slice(0, PAGE_META.length) }).toEqual({ page, start: PAGE_META })
  }
  const css = fs
    .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.wxss'))
    .map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'))
    .join('\n')
  // A size written as a type-scale token (var(--ll-font-x)) is checked as every value that token takes (one per layout).
  const tokens = new Map<string, string[]>()
  for (const m of css.matchAll(/(--ll-font-[a-z-]+):\s*([^;}]+)/g)) tokens.set(m[1]!, [...(tokens.get(m[1]!) ?? []), m[2]!.trim()])
  const sizes = [...css.matchAll(/font-size:\s*([^;}]+)/g)].flatMap((m) => {
    const value = m[1]!.trim()
    const token = /^var\((--ll-font-[a-z-]+)\)$/.exec(value)?.[1]
    return token ? (tokens.get(token) ?? [value]) : [value]
  })
  expect(sizes.length).toBeGreaterThan(20)
  expect(sizes.filter((s) => /rpx|px/.test(s))).toEqual([])
  expect(sizes.filter((s) => s.endsWith('rem')).length).toBeGreaterThan(20)
})

test('care mode report in WeChat: the submit tap asks for the repair templates first, then files the ticket at the account’s home', async () => {
  const page = await env.h.loadPage('pages/repairs/new')
  await env.h.settle(800)
  expect(page.dom.textContent).toContain('哪里坏了？点一下')
  tapView(page, '水电')
  await env.h.settle(100)
  expect(page.dom.textContent).toContain('地址：')
  const before = env.h.calls.length
  tapView(page, '提交报修')
  await env.h.settle(800)
  const after = env.h.calls.slice(before)
  const ask = after.findIndex((c) => c.api === 'requestSubscribeMessage')
  const post = after.findIndex((c) => c.api === 'request' && c.options.method === 'POST' && String(c.options.url).endsWith('/api/v1/repairs'))
  expect(ask).toBeGreaterThanOrEqual(0)
  expect(after[ask]!.options.tmplIds).toEqual(['tmpl-repair-status', 'tmpl-repair-comment'])
  expect(post).toBeGreaterThan(ask)
  expect(env.h.calls.filter((c) => c.api === 'showModal').pop()?.options.title).toBe('报修已提交')
  expect(env.h.calls.filter((c) => c.api === 'redirectTo').pop()?.options.url).toMatch(/^\/pages\/repairs\/detail\?id=\d+$/)
  page.detach()
})

interface DataNode {
  nn?: string
  v?: string
  cn?: DataNode[]
  [alias: string]: unknown
}

/** The aria-* attributes a base.wxml template binds, and the data field each reads (e.g. aria-role → p5). */
function templateAria(nn: string): Record<string, string> {
  const wxml = fs.readFileSync(path.join(ROOT, 'base.wxml'), 'utf8')
  const block = wxml.split(`<template name="tmpl_0_${nn}">`)[1]?.split('</template>')[0] ?? ''
  return Object.fromEntries([...block.matchAll(/(aria-[a-z]+)="\{\{i\.(p\d+)\|\|''\}\}"/g)].map((m) => [m[1]!, m[2]!]))
}

/**
 * What WeChat's renderer would put on each element: j-component leaves aria-* off its DOM, so this reads the page
 * data through the very template bindings base.wxml has (an attribute the template lacks, or data under another
 * name, comes out empty).
 */
function ariaOf(page: SimComponent): { text: string; attrs: Record<string, unknown> }[] {
  const out: { text: string; attrs: Record<string, unknown> }[] = []
  const text = (n: DataNode): string => (n.v ?? '') + (n.cn ?? []).map(text).join('')
  const walk = (n: DataNode) => {
    if (n.nn) {
      const attrs = Object.fromEntries(Object.entries(templateAria(n.nn)).map(([attr, field]) => [attr, n[field]]).filter(([, v]) => v !== undefined && v !== ''))
      if (Object.keys(attrs).length) out.push({ text: text(n), attrs })
    }
    for (const c of n.cn ?? []) walk(c)
  }
  walk((page.instance as { data: { root: DataNode } }).data.root)
  return out
}

test('WeChat’s screen readers get a role and a name: aria-role and aria-label reach the page templates', async () => {
  const page = await env.h.loadPage('pages/home/index')
  await env.h.settle(800)
  const links = ariaOf(page).filter((e) => e.attrs['aria-role'] === 'link').map((e) => e.attrs['aria-label'])
  expect(links).toEqual(expect.arrayContaining(['我要报修', '垃圾怎么分', expect.stringMatching(/^打电话给物业，/)]))
  page.detach()
  const form = await env.h.loadPage('pages/repairs/new')
  await env.h.settle(500)
  const elements = ariaOf(form)
  expect(elements).toContainEqual({ text: '我要报修', attrs: { 'aria-role': 'heading', 'aria-level': '1' } })
  expect(elements).toContainEqual({ text: '水电', attrs: { 'aria-role': 'radio', 'aria-label': '水电', 'aria-checked': 'false' } })
  form.detach()
})
