import { build, type TestApp } from './helper'

let t: TestApp
beforeAll(async () => {
  t = await build()
})
afterAll(async () => t.close())

test('health check reports the database engine', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/healthz' })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toEqual({ ok: true, engine: process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite' })
})

test('OpenAPI 3 document is generated from the schemas and lists the API', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
  expect(res.statusCode).toBe(200)
  const doc = res.json()
  expect(doc.openapi).toMatch(/^3\./)
  for (const p of ['/api/v1/me', '/api/v1/auth/demo', '/api/v1/auth/login', '/api/v1/households/bind', '/api/v1/admin/households/import', '/api/v1/uploads']) {
    expect(Object.keys(doc.paths)).toContain(p)
  }
  expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['phone', 'password'])
})

test('the docs viewer is served', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/docs' })
  expect([200, 302]).toContain(res.statusCode)
})

test('meta tells the app whether demo login and WeChat are on', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' })
  expect(res.json()).toMatchObject({ demo: true, wechat: false })
  expect(res.json().personas).toContain('elder')
})
