import type { LightMyRequestResponse } from 'fastify'
import { bearer, build, errorCode, login, type TestApp } from './helper'
import { clockOnTheHour, nextIp } from './fixtures'

let t: TestApp
beforeAll(async () => {
  t = await build({}, {}, { now: clockOnTheHour().now })
})
afterAll(async () => t.close())

/** The one error shape: `{error: {code, message}}` and nothing else at the top level. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expect(errorCode(res)).toBe(code)
  expect(Object.keys(res.json())).toEqual(['error'])
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/)
}

const login_ = (headers: Record<string, string>, payload: string | Buffer) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload, remoteAddress: nextIp() })

test('malformed JSON is 400 BAD_JSON', async () => {
  expectError(await login_({ 'content-type': 'application/json' }, '{"phone": "13800000000", "password": '), 400, 'BAD_JSON')
  expectError(await login_({ 'content-type': 'application/json' }, "{'phone': 1}"), 400, 'BAD_JSON')
})

test('an empty JSON body is 400 BAD_JSON', async () => {
  expectError(await login_({ 'content-type': 'application/json' }, ''), 400, 'BAD_JSON')
})

test('a JSON body that is not an object is 400 VALIDATION_FAILED', async () => {
  expectError(await login_({ 'content-type': 'application/json' }, '[1,2]'), 400, 'VALIDATION_FAILED')
})

test('a body that is not JSON is 415, whatever it contains', async () => {
  const body = JSON.stringify({ phone: '13800000000', password: 'whatever-1' })
  for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/xml', 'text/csv']) {
    expectError(await login_({ 'content-type': type }, body), 415, 'UNSUPPORTED_MEDIA_TYPE')
  }
})

test('a JSON body over 256 KB is 413 PAYLOAD_TOO_LARGE', async () => {
  const body = JSON.stringify({ phone: '13800000000', password: 'x'.repeat(257 * 1024) })
  expectError(await login_({ 'content-type': 'application/json' }, body), 413, 'PAYLOAD_TOO_LARGE')
  const token = await login(t.app, 'resident')
  const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: JSON.stringify({ displayName: 'y'.repeat(300 * 1024) }) })
  expectError(patch, 413, 'PAYLOAD_TOO_LARGE')
})

test('a CSV import may be larger than 256 KB but not larger than 5 MB', async () => {
  const admin = await login(t.app, 'admin')
  const importCsv = (csv: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/admin/households/import', headers: { ...bearer(admin), 'content-type': 'text/csv' }, payload: csv })
  // 300 KB: read and validated (the over-long owner name is the only problem).
  const medium = await importCsv(`楼栋,单元,房号,面积,业主姓名\n9号楼,1,101,80,${'名'.repeat(100 * 1024)}\n`)
  expectError(medium, 422, 'IMPORT_INVALID')
  expect(medium.json().error.details).toEqual([{ row: 2, message: expect.stringContaining('业主姓名') }])
  expectError(await importCsv(`楼栋,单元,房号,面积,业主姓名\n${'9号楼,1,101,80,某某\n'.repeat(300_000)}`), 413, 'PAYLOAD_TOO_LARGE')
})

test('unknown routes are 404 NOT_FOUND', async () => {
  expectError(await t.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'NOT_FOUND')
  expectError(await t.app.inject({ method: 'GET', url: '/definitely/not/here' }), 404, 'NOT_FOUND')
  expectError(await t.app.inject({ method: 'DELETE', url: '/api/v1/me' }), 404, 'NOT_FOUND')
  expectError(await t.app.inject({ method: 'POST', url: '/api/v1/admin/nothing', payload: { a: 1 } }), 404, 'NOT_FOUND')
})

test('401, 403, 400 and 429 use the same format', async () => {
  expectError(await t.app.inject({ method: 'GET', url: '/api/v1/me' }), 401, 'UNAUTHENTICATED')
  expectError(await t.app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(await login(t.app, 'resident')) }), 403, 'FORBIDDEN')
  expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/demo', payload: { persona: 'mayor' } }), 400, 'VALIDATION_FAILED')
  expectError(await t.app.inject({ method: 'GET', url: '/api/v1/uploads/not-an-id', headers: bearer(await login(t.app, 'resident')) }), 400, 'VALIDATION_FAILED')
  const ip = nextIp()
  let last: LightMyRequestResponse | undefined
  for (let i = 0; i < 31; i++) last = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: '13800000000', password: 'p' }, remoteAddress: ip })
  expectError(last!, 429, 'RATE_LIMITED')
})

test('a NUL character anywhere in the input is a 400 on both engines, never a database error', async () => {
  const token = await login(t.app, 'resident')
  const body = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` }, payload: { displayName: 'a\u0000b' } })
  expect(body.statusCode).toBe(400)
  expect(errorCode(body)).toBe('VALIDATION_FAILED')
  const query = await t.app.inject({ method: 'GET', url: '/api/v1/notices?q=%00', headers: { authorization: `Bearer ${token}` } })
  expect(query.statusCode).toBe(400)
  const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/1.json?jurisdiction_id=%00' })
  expect(open311.statusCode).toBe(400)
  expect(Array.isArray(open311.json())).toBe(true)
})
