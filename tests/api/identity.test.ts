import { bearer, build, errorCode, login, type TestApp } from './helper'

let t: TestApp
beforeAll(async () => {
  t = await build()
})
afterAll(async () => t.close())

test('401 without a token, with a clear code', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' })
  expect(res.statusCode).toBe(401)
  expect(errorCode(res)).toBe('UNAUTHENTICATED')
})

test('demo login gives the persona its household and roles', async () => {
  const token = await login(t.app, 'rep')
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
  expect(res.statusCode).toBe(200)
  const me = res.json()
  expect(me.community.slug).toBe('lvyuan')
  expect(me.community.city).toBe('shanghai')
  expect(me.households).toHaveLength(1)
  expect(me.roles).toEqual([{ role: 'rep', communityId: me.community.id, buildingId: me.households[0].buildingId }])
})
