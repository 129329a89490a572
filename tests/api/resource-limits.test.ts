import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { NOTICE_TITLE_MAX } from '../../types/notices'
import { POLL_OPTION_MAX } from '../../types/polls'
import { REPAIR_DESCRIPTION_MAX, REPAIR_NOTE_MAX } from '../../types/repairs'
import { multipartFile } from './fixtures'
import { bearer, build, errorCode, login, type TestApp } from './helper'

/**
 * What a client can send beyond the limits: bodies over the size limit (413), uploads with too many parts or files,
 * strings over their maximum (400 naming the field), pagination with broken or huge cursors and limits (400, or an
 * empty page), and the server's memory stays flat while it refuses bodies far larger than it would ever hold.
 */
jest.setTimeout(120_000)

let t: TestApp
let staff: string
let resident: string
let origin: string
beforeAll(async () => {
  t = await build({ backgroundJobs: false, rateLimitMax: 10_000_000 })
  staff = await login(t.app, 'staff')
  resident = await login(t.app, 'resident')
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
})
afterAll(async () => t.close())

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, body: res.body.slice(0, 200) }).toEqual({ status, body: expect.any(String) })
  expect(errorCode(res)).toBe(code)
}

const post = (url: string, payload: string | Buffer | object, headers: Record<string, string> = {}, token = staff) =>
  t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...(typeof payload === 'object' && !Buffer.isBuffer(payload) ? {} : { 'content-type': 'application/json' }), ...headers }, payload })

describe('body size', () => {
  test('a JSON body over 256 KB is 413 PAYLOAD_TOO_LARGE in the error format, on every kind of route', async () => {
    const big = JSON.stringify({ title: 'x', body: 'y'.repeat(300 * 1024), category: 'other' })
    expectError(await post('/api/v1/notices', big), 413, 'PAYLOAD_TOO_LARGE')
    expectError(await post('/api/v1/repairs', big, {}, resident), 413, 'PAYLOAD_TOO_LARGE')
    expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: big }), 413, 'PAYLOAD_TOO_LARGE')
    // Refused for its size before anyone asks who is sending it.
    expectError(await t.app.inject({ method: 'PUT', url: '/api/v1/polls/1/ballot', headers: { 'content-type': 'application/json' }, payload: big }), 413, 'PAYLOAD_TOO_LARGE')
  })

  test('a household import over 5 MB is 413; an Open311 form over 64 KB is 413 in the Open311 format', async () => {
    const admin = await login(t.app, 'admin')
    const csv = `楼栋,单元,房号,面积,业主姓名\n${'1号楼,1,101,80,张三\n'.repeat(300_000)}`
    expect(Buffer.byteLength(csv)).toBeGreaterThan(5 * 1024 * 1024)
    expectError(await t.app.inject({ method: 'POST', url: '/api/v1/admin/households/import', headers: { ...bearer(admin), 'content-type': 'text/csv' }, payload: csv }), 413, 'PAYLOAD_TOO_LARGE')

    const form = new URLSearchParams({ api_key: 'k', service_code: 'other', description: 'd'.repeat(70 * 1024), address_string: '大门' }).toString()
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual([{ code: 413, description: expect.any(String) }])
  })
})

describe('uploads', () => {
  const boundary = () => `----limits${randomBytes(6).toString('hex')}`
  // A real photo, so that only the shape of the upload can be what is refused.
  const filePart = (b: string, name: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${photo.toString('latin1')}\r\n`
  const fieldPart = (b: string, name: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nvalue\r\n`
  const upload = (b: string, parts: string[]) =>
    t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...bearer(resident), 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.from(`${parts.join('')}--${b}--\r\n`, 'latin1') })
  let photo: Buffer
  beforeAll(async () => {
    photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#468' } }).jpeg().toBuffer()
  })

  test('one photo is stored; two files in one upload, or many fields before the file, are refused with 413 and nothing is stored', async () => {
    const count = async () => (await t.app.deps.db.selectFrom('uploads').select('id').execute()).length
    let b = boundary()
    expect((await upload(b, [filePart(b, 'file')])).statusCode).toBe(201)
    const before = await count()
    b = boundary()
    expectError(await upload(b, [fieldPart(b, 'a'), fieldPart(b, 'b'), fieldPart(b, 'c'), fieldPart(b, 'd'), filePart(b, 'file')]), 413, 'PAYLOAD_TOO_LARGE')
    b = boundary()
    const many = Array.from({ length: 500 }, (_, i) => fieldPart(b, `f${i}`))
    expectError(await upload(b, [...many, filePart(b, 'file')]), 413, 'PAYLOAD_TOO_LARGE')
    b = boundary()
    expectError(await upload(b, [filePart(b, 'file'), filePart(b, 'file2')]), 413, 'PAYLOAD_TOO_LARGE')
    expect(await count()).toBe(before)
  })

  test('a file over 10 MB is 413; an upload without a file part is 400', async () => {
    const huge = multipartFile(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(11 * 1024 * 1024, 1)]), 'big.jpg', 'image/jpeg')
    expectError(await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...bearer(resident), ...huge.headers }, payload: huge.payload }), 413, 'PAYLOAD_TOO_LARGE')
    const b = boundary()
    expectError(await upload(b, [fieldPart(b, 'note')]), 400, 'VALIDATION_FAILED')
  })
})

describe('string lengths', () => {
  const over = (n: number) => '长'.repeat(n + 1)
  test.each([
    ['notice title', 'POST', '/api/v1/notices', () => ({ title: over(NOTICE_TITLE_MAX), body: 'b', category: 'other' }), 'staff'],
    ['repair description', 'POST', '/api/v1/repairs', () => ({ category: 'other', location: { kind: 'home' }, description: over(REPAIR_DESCRIPTION_MAX), urgency: 'normal' }), 'resident'],
    ['poll option', 'POST', '/api/v1/polls', () => ({ title: 't', kind: 'single', options: ['甲', over(POLL_OPTION_MAX)], closesAt: '2099-01-01T00:00:00Z', secret: false, resultsVisibility: 'live', legalRule: 'none', voters: 'members' }), 'staff'],
    ['display name', 'PATCH', '/api/v1/me', () => ({ displayName: over(20) }), 'resident'],
    ['repair comment', 'POST', '/api/v1/repairs/1/comments', () => ({ text: over(REPAIR_NOTE_MAX) }), 'resident'],
    ['a 200 KB title', 'POST', '/api/v1/notices', () => ({ title: 'x'.repeat(200 * 1024), body: 'b', category: 'other' }), 'staff'],
  ])('%s over its maximum is 400 saying how long it may be', async (_what, method, url, body, who) => {
    const token = who === 'staff' ? staff : resident
    const res = await t.app.inject({ method: method as 'POST', url, headers: bearer(token), payload: body() })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(res.json().error.message).toMatch(/最多 \d+ 个字/)
  })

  test('an over-long query string value and an over-long path are refused, not served', async () => {
    const q = await t.app.inject({ method: 'GET', url: `/api/v1/sorting/search?q=${'瓶'.repeat(5000)}` })
    expectError(q, 400, 'VALIDATION_FAILED')
    const p = await t.app.inject({ method: 'GET', url: `/api/v1/notices/${'9'.repeat(5000)}`, headers: bearer(staff) })
    expect([400, 404, 414]).toContain(p.statusCode)
    errorCode(p)
  })
})

describe('pagination', () => {
  type Param = { in: string; name: string; required?: boolean; schema: { enum?: string[]; maximum?: number; type?: string } }
  let lists: { path: string; base: string; maxLimit: number }[]
  beforeAll(async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { parameters?: Param[] }>> }
    lists = Object.entries(doc.paths)
      .filter(([, m]) => m.get?.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'))
      .map(([path, m]) => {
        const params = m.get!.parameters!.filter((p) => p.in === 'query')
        const required = params.filter((p) => p.required).map((p) => `${p.name}=${p.schema.enum?.[0] ?? '1'}`)
        return { path, base: required.join('&'), maxLimit: params.find((p) => p.name === 'limit')?.schema.maximum ?? 0 }
      })
  })
  const get = (path: string, query: string) => t.app.inject({ method: 'GET', url: `${path}?${query}`, headers: bearer(staff) })
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

  test('every list with a cursor refuses garbage, over-long and wrongly shaped cursors and limits out of range with 400', async () => {
    expect(lists.length).toBeGreaterThanOrEqual(5)
    const problems: string[] = []
    for (const l of lists) {
      expect(l.maxLimit).toBeGreaterThan(0)
      const ok = await get(l.path, l.base)
      if (ok.statusCode !== 200) problems.push(`${l.path}?${l.base} → ${ok.statusCode} (the base query should work)`)
      const bad = ['cursor=%%%', `cursor=${'A'.repeat(5000)}`, `cursor=${b64('x'.repeat(150))}`, `cursor=${b64({ a: 1 })}`, `cursor=${b64(['a'.repeat(101), 1, 1])}`, `cursor=${b64([[], {}, null])}`, `limit=${l.maxLimit + 1}`, 'limit=1000000000000', 'limit=0', 'limit=-5', 'limit=abc', 'limit=1.5']
      for (const q of bad) {
        const res = await get(l.path, [l.base, q].filter(Boolean).join('&'))
        const body = res.json() as { error?: { code?: string } }
        if (res.statusCode !== 400 || body.error?.code !== 'VALIDATION_FAILED') problems.push(`${l.path}?${q.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 100)}`)
      }
      // A well-formed cursor far past the end is just an empty last page.
      const far = await get(l.path, [l.base, `limit=${l.maxLimit}`].filter(Boolean).join('&'))
      if (far.statusCode !== 200 || (far.json() as { items: unknown[] }).items.length > l.maxLimit) problems.push(`${l.path} limit=${l.maxLimit} → ${far.statusCode}, ${far.body.slice(0, 80)}`)
    }
    expect(problems).toEqual([])
  })
})

describe('memory', () => {
  /** Streams `mb` megabytes to the server without holding them, and returns the answer's status. */
  function stream(path: string, headers: Record<string, string>, [head, tail]: [string, string], mb: number, chunked: boolean): Promise<number> {
    return new Promise((resolve, reject) => {
      const length = Buffer.byteLength(head) + mb * 1024 * 1024 + Buffer.byteLength(tail)
      const req = http.request(`${origin}${path}`, { method: 'POST', headers: { ...headers, ...(chunked ? {} : { 'content-length': String(length) }) } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      let sent = 0
      const pump = () => {
        while (sent < mb) {
          sent++
          if (!req.write(chunk)) return req.once('drain', pump)
        }
        req.end(tail)
      }
      // The server may answer and close before the body is through: that is the point, not an error.
      req.on('error', (err) => (sent >= 1 ? undefined : reject(err)))
      req.write(head)
      pump()
    })
  }

  test('refusing bodies of 128 MB (announced or chunked, JSON or upload, complete or cut off) keeps the memory flat', async () => {
    const baseline = process.memoryUsage().rss
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    const MB = 128
    const statuses: number[] = []
    try {
      for (const chunked of [false, true]) {
        statuses.push(await stream('/api/v1/notices', { ...bearer(staff), 'content-type': 'application/json' }, ['{"title":"', '"}'], MB, chunked))
        const b = `----mem${randomBytes(4).toString('hex')}`
        const head = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`
        statuses.push(await stream('/api/v1/uploads', { ...bearer(resident), 'content-type': `multipart/form-data; boundary=${b}` }, [head, `\r\n--${b}--\r\n`], MB, chunked))
        // The same file part without its closing boundary: read to the end without keeping it, then a 400.
        statuses.push(await stream('/api/v1/uploads', { ...bearer(resident), 'content-type': `multipart/form-data; boundary=${b}` }, [head, ''], MB, chunked))
      }
    } finally {
      clearInterval(sampler)
    }
    expect(statuses).toEqual([413, 413, 400, 413, 413, 400])
    // Holding any one of these bodies would add 128 MB or more; reading and dropping them costs garbage for the GC,
    // which stays the same whatever the size (about 60–70 MB here for bodies from 64 to 160 MB).
    expect(Math.round((peak - baseline) / 1024 / 1024)).toBeLessThan(100)
  })
})
