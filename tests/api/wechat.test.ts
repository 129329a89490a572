import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { bearer, build, errorCode, type TestApp } from './helper'

/** A stand-in for WeChat's servers on loopback: answers code2Session like the real API does. */
let fake: http.Server
let base: string
const seen: URL[] = []

beforeAll(async () => {
  fake = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    seen.push(url)
    const code = url.searchParams.get('js_code')
    res.setHeader('content-type', 'text/plain')
    if (url.pathname !== '/sns/jscode2session') res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }))
    else if (code === 'used-code') res.end(JSON.stringify({ errcode: 40163, errmsg: 'code been used' }))
    else if (code === 'busy') res.end(JSON.stringify({ errcode: -1, errmsg: 'system busy' }))
    else res.end(JSON.stringify({ openid: `openid-${code}`, session_key: 'SECRET-SESSION-KEY' }))
  })
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
})
afterAll(async () => new Promise((r) => fake.close(r)))

describe('with WeChat configured', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await build({}, { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret', WECHAT_API_BASE: base })
  })
  afterAll(async () => t.close())

  test('a code becomes a session; the same openid is the same user; session_key never leaves the server', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'abc' } })
    expect(first.statusCode).toBe(200)
    expect(first.body).not.toContain('SECRET-SESSION-KEY')
    const call = seen[seen.length - 1]!
    expect(call.searchParams.get('appid')).toBe('wx-test-app')
    expect(call.searchParams.get('secret')).toBe('test-secret')
    expect(call.searchParams.get('grant_type')).toBe('authorization_code')

    const me1 = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(first.json().token) })).json()
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'abc' } })
    const me2 = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(second.json().token) })).json()
    expect(me2.user.id).toBe(me1.user.id)
    // A new WeChat user has no household yet: the app sends them to bind one.
    expect(me1.households).toEqual([])
    expect(JSON.stringify(me1)).not.toContain('openid')
  })

  test('a used code is the client’s problem (401), WeChat being busy is not (502)', async () => {
    const used = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'used-code' } })
    expect(used.statusCode).toBe(401)
    expect(errorCode(used)).toBe('WECHAT_LOGIN_FAILED')
    const busy = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'busy' } })
    expect(busy.statusCode).toBe(502)
    expect(errorCode(busy)).toBe('WECHAT_LOGIN_FAILED')
  })
})

test('without WeChat configuration the endpoint says so (404) and calls nobody', async () => {
  const t = await build()
  const before = seen.length
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'abc' } })
  expect(res.statusCode).toBe(404)
  expect(errorCode(res)).toBe('WECHAT_NOT_CONFIGURED')
  expect(seen.length).toBe(before)
  await t.close()
})
