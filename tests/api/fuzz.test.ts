import fc from 'fast-check'
import { bearer, build, login, type TestApp } from './helper'

/**
 * Every route in the OpenAPI document gets generated requests — values shaped like its schema, wrong types,
 * missing and extra fields, huge and odd Unicode, broken JSON, wrong content types — and must never answer 5xx,
 * and every error must come in the `{error: {code, message}}` format.
 */
// 200 per route in CI on SQLite (the request path is the same on both engines); fewer elsewhere to keep runs short.
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' && process.env.TEST_DB !== 'postgres' ? 200 : 40))

let t: TestApp
let tokens: string[]
beforeAll(async () => {
  t = await build({ backgroundJobs: false, rateLimitMax: 10_000_000 })
  tokens = await Promise.all(['resident', 'staff', 'admin', 'rep', 'worker', 'resident_b'].map((p) => login(t.app, p as never)))
})
afterAll(async () => t.close())

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; minimum?: number; maximum?: number; maxLength?: number; pattern?: string }

const oddStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '𠀀𠀀', '😀'.repeat(300), 'a'.repeat(100_000), '<script>alert(1)</script>', "'; DROP TABLE users; --", '../../etc/passwd', '%00', '1e309', '-1', '0', 'NaN', 'null'),
)
const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), oddStrings, fc.array(fc.integer(), { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }))

/** Values that follow the schema most of the time and break it some of the time. */
function fromSchema(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return anyJson
  if (s.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: anyJson })
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => fromSchema(x, depth + 1)))
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  const wrong = { weight: 1, arbitrary: anyJson }
  switch (type) {
    case 'integer':
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 5000, 5000) }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 53, -(2 ** 31), 1.5) }, wrong)
    case 'number':
      return fc.oneof({ weight: 4, arbitrary: fc.double({ noNaN: true }) }, wrong)
    case 'boolean':
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, wrong)
    case 'string':
      return fc.oneof({ weight: 2, arbitrary: fc.string({ maxLength: s.maxLength ?? 40 }) }, { weight: 2, arbitrary: oddStrings }, { weight: 1, arbitrary: fc.constantFrom('2026-11-25T10:00:00+08:00', '2099-01-01T00:00:00Z') }, wrong)
    case 'array':
      return fc.oneof({ weight: 4, arbitrary: fc.array(fromSchema(s.items, depth + 1), { maxLength: 8 }) }, wrong)
    case 'object': {
      const props = Object.entries(s.properties ?? {})
      const shaped = fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromSchema(v, depth + 1)])), { requiredKeys: [] })
      const extra = fc.tuple(shaped, fc.string({ minLength: 1, maxLength: 8 }), anyJson).map(([o, k, v]) => ({ ...(o as object), [k]: v }))
      return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: extra }, wrong)
    }
    default:
      return anyJson
  }
}

interface Operation {
  method: string
  path: string
  body?: Schema
  query?: Record<string, Schema>
  params: string[]
}

function operations(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> }): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? []
      ops.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content['application/json']?.schema,
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        params: params.filter((p) => p.in === 'path').map((p) => p.name),
      })
    }
  }
  return ops
}

// encodeURIComponent throws on a lone surrogate; such a segment goes out as U+FFFD, as a browser would send it.
const pathSegment = (s: string) => encodeURIComponent(s.replace(/\p{Cs}/gu, '\ufffd'))

const rawBodies = fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '{"__proto__":{"admin":true}}', '\u0000', '{}'.padEnd(300_000, ' '))
const contentTypes = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/csv')

test('no generated request to any route produces a 5xx, and every error has the error format', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
  const ops = operations(doc).filter((o) => o.path.startsWith('/api/v1') || o.path.startsWith('/open311'))
  expect(ops.length).toBeGreaterThan(30)
  const failures: string[] = []
  for (const op of ops) {
    const request = fc.record({
      params: fc.tuple(...op.params.map(() => fc.oneof(fc.integer({ min: 1, max: 20 }).map(String), oddStrings.map(pathSegment))), fc.constant(null)),
      query: fromSchema({ type: 'object', properties: op.query }),
      body: op.body ? fromSchema(op.body) : anyJson,
      raw: fc.option(rawBodies, { freq: 8 }),
      contentType: fc.option(contentTypes, { freq: 6 }),
      who: fc.integer({ min: -1, max: tokens.length - 1 }),
    })
    // fc.check rather than fc.assert: every route is tried and all failures are reported together. A property
    // that throws (a 4xx whose body is not JSON, say) fails exactly like one that finds a 5xx.
    const run = await fc.check(
      fc.asyncProperty(request, async (r) => {
        let url = op.path
        op.params.forEach((name, i) => (url = url.replace(`{${name}}`, (r.params[i] as string) || '1')))
        const qs = new URLSearchParams()
        for (const [k, v] of Object.entries((r.query as object) ?? {})) if (v !== undefined && v !== null) qs.set(k, typeof v === 'string' ? v : JSON.stringify(v))
        if ([...qs].length) url += `?${qs}`
        const hasBody = !['GET', 'DELETE', 'HEAD'].includes(op.method)
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers: { ...(r.who >= 0 ? bearer(tokens[r.who]!) : {}), ...(hasBody ? { 'content-type': r.contentType ?? 'application/json' } : {}) },
          ...(hasBody ? { payload: r.raw ?? JSON.stringify(r.body ?? null) } : {}),
        })
        const seen = `(${url.slice(0, 80)}) → ${res.statusCode} ${res.body.slice(0, 160)}`
        if (res.statusCode >= 500) throw new Error(seen)
        if (res.statusCode >= 400 && !op.path.startsWith('/open311')) {
          const body = res.json() as { error?: { code?: unknown; message?: unknown } }
          if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') throw new Error(`without the error format ${seen}`)
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    )
    if (run.failed) failures.push(`${op.method} ${op.path}: ${run.errorInstance instanceof Error ? run.errorInstance.message.slice(0, 400) : 'failed'}`)
  }
  expect(failures).toEqual([])
}, 600_000)
