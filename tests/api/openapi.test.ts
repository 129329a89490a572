import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { InjectOptions } from 'fastify'
import { bearer, build, login, type TestApp } from './helper'

// The validator is an ES module that Jest's CommonJS runtime cannot load, so it runs in its own Node process.
const VALIDATOR = path.resolve(__dirname, '../../node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js')

interface Operation {
  security?: unknown[]
  parameters?: { in: string }[]
  requestBody?: unknown
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } } & Record<string, unknown>

/** Sign-in and discovery: everything an OpenAPI client must call without a token. */
const PUBLIC = [
  'get /api/v1/meta',
  'post /api/v1/auth/demo',
  'post /api/v1/auth/wechat',
  'post /api/v1/auth/login',
  'post /api/v1/auth/register',
  'get /open311/v2/discovery.json',
  'get /open311/v2/services.json',
  'get /open311/v2/services/{code}.json',
  'get /open311/v2/requests.json',
  'get /open311/v2/requests/{id}.json',
]

let t: TestApp
let doc: Doc
let operations: { key: string; path: string; op: Operation }[]

beforeAll(async () => {
  t = await build()
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
  expect(res.statusCode).toBe(200)
  doc = res.json()
  operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m} ${p}`, path: p, op })))
})
afterAll(async () => t.close())

function validate(document: unknown): { valid: boolean; errors?: unknown } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-openapi-')), 'openapi.json')
  fs.writeFileSync(file, JSON.stringify(document))
  try {
    return JSON.parse(execFileSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' }))
  } catch (err) {
    // The command exits with 1 when the document is invalid; its report is still on stdout.
    return JSON.parse((err as { stdout: string }).stdout)
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
  }
}

test('the document is valid OpenAPI 3 by the official schema', () => {
  expect(validate(doc)).toEqual({ valid: true })
})

test('the validator does reject a broken document', () => {
  const broken = { ...doc, paths: { ...doc.paths, '/api/v1/me': { get: { responses: { 200: { content: {} } } } } } }
  expect(validate(broken).valid).toBe(false)
})

test('routes that need no token say so with security: [], and the others inherit the bearer token', () => {
  expect(doc.security).toEqual([{ bearer: [] }])
  const keys = operations.map((o) => o.key)
  for (const key of PUBLIC) expect(keys).toContain(key)
  for (const { key, op } of operations) {
    if (PUBLIC.includes(key)) expect({ key, security: op.security }).toEqual({ key, security: [] })
  }
  const sessionRoutes = operations.filter((o) => ['get /api/v1/me', 'post /api/v1/auth/logout', 'post /api/v1/polls'].includes(o.key))
  expect(sessionRoutes).toHaveLength(3)
  for (const { op } of sessionRoutes) expect(op.security).toBeUndefined()
})

test('every operation lists its error answers, each pointing at the error schema', () => {
  expect(doc.components.schemas).toHaveProperty('Error')
  expect(doc.components.schemas).toHaveProperty('Open311Error')
  for (const { key, path: p, op } of operations) {
    const errorRef = p.startsWith('/open311/') ? '#/components/schemas/Open311Error' : '#/components/schemas/Error'
    const statuses = Object.keys(op.responses)
    const errors = statuses.filter((s) => Number(s) >= 400)
    const expected = ['429']
    if (op.parameters?.length || op.requestBody) expected.push('400')
    if (p.includes('{')) expected.push('404')
    if (op.requestBody) expected.push('413', '415')
    if (!(Array.isArray(op.security) && op.security.length === 0)) expected.push('401', '403')
    expect({ key, missing: expected.filter((s) => !errors.includes(s)) }).toEqual({ key, missing: [] })
    expect({ key, success: statuses.some((s) => Number(s) < 400) }).toEqual({ key, success: true })
    // GeoReport routes answer their errors in the format the URL names.
    const media = p.endsWith('.xml') ? 'text/xml' : 'application/json'
    for (const s of errors) expect({ key, status: s, ref: op.responses[s]!.content?.[media]?.schema?.$ref }).toEqual({ key, status: s, ref: errorRef })
  }
})

test('the errors the server really gives are the documented ones', async () => {
  const token = await login(t.app, 'resident')
  const cases: { key: string; status: number; req: InjectOptions }[] = [
    { key: 'post /api/v1/auth/login', status: 401, req: { method: 'POST', url: '/api/v1/auth/login', payload: { phone: '13800000000', password: 'wrong-password' } } },
    { key: 'post /api/v1/auth/login', status: 400, req: { method: 'POST', url: '/api/v1/auth/login', payload: { phone: 'x' } } },
    { key: 'post /api/v1/auth/demo', status: 415, req: { method: 'POST', url: '/api/v1/auth/demo', headers: { 'content-type': 'text/plain' }, payload: 'resident' } },
    { key: 'get /api/v1/me', status: 401, req: { method: 'GET', url: '/api/v1/me' } },
    { key: 'get /api/v1/notices/{id}', status: 404, req: { method: 'GET', url: '/api/v1/notices/999999', headers: bearer(token) } },
    { key: 'post /open311/v2/requests.json', status: 403, req: { method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'jurisdiction_id=lvyuan&service_code=drain&description=x&address_string=y' } },
    { key: 'get /open311/v2/services.json', status: 404, req: { method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=nowhere' } },
  ]
  for (const c of cases) {
    const res = await t.app.inject(c.req)
    const op = operations.find((o) => o.key === c.key)?.op
    expect({ key: c.key, status: res.statusCode }).toEqual({ key: c.key, status: c.status })
    expect({ key: c.key, documented: Object.keys(op?.responses ?? {}) }).toEqual({ key: c.key, documented: expect.arrayContaining([String(c.status)]) })
    // The body has the documented shape too (a response schema that did not fit would have failed the serializer).
    expect(c.key.includes('open311') ? res.json()[0] : res.json().error).toHaveProperty(c.key.includes('open311') ? 'description' : 'message')
  }
})
