import type { Persona } from '../../types/identity'
import { bearer, build, errorCode, login, type TestApp } from './helper'

jest.setTimeout(30_000)

let t: TestApp
const tokens = {} as Record<Persona, string>
let key: string
let publicId: number
let homeId: number

const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', payload: new URLSearchParams(fields).toString() })
const postForm = (fields: Record<string, string>) => {
  const f = form(fields)
  return t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': f['content-type'] }, payload: f.payload })
}
const getJson = (url: string) => t.app.inject({ method: 'GET', url })

beforeAll(async () => {
  t = await build()
  for (const p of ['resident', 'admin', 'staff', 'resident_b'] as Persona[]) tokens[p] = await login(t.app, p)
  const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311-keys', headers: bearer(tokens.admin), payload: { label: '街道平台' } })
  expect(issued.statusCode).toBe(201)
  expect(issued.json()).toMatchObject({ label: '街道平台', jurisdictionId: 'lvyuan' })
  key = issued.json().key
  const mk = (location: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/repairs',
      headers: bearer(tokens.resident),
      payload: { category: 'public_lighting', location, description: '路灯不亮', urgency: 'normal', contactPhone: '13812345678' },
    })
  publicId = (await mk({ kind: 'public', text: '3号楼东侧路灯' })).json().id
  homeId = (await mk({ kind: 'home' })).json().id
})
afterAll(async () => t.close())

test('only an admin can issue keys; the key is stored hashed', async () => {
  for (const who of ['staff', 'resident'] as Persona[]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311-keys', headers: bearer(tokens[who]), payload: { label: 'x' } })
    expect(res.statusCode).toBe(403)
  }
  const rows = await t.app.deps.db.selectFrom('open311_keys').select('key_hash').execute()
  expect(rows.map((r) => r.key_hash)).not.toContain(key)
})

test('discovery, services and a service definition', async () => {
  const d = await getJson('/open311/v2/discovery.json')
  expect(d.statusCode).toBe(200)
  expect(d.json().endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] })
  const s = await getJson('/open311/v2/services.json?jurisdiction_id=lvyuan')
  expect(s.statusCode).toBe(200)
  expect(s.json()).toHaveLength(8)
  expect(s.json()[0]).toEqual(expect.objectContaining({ service_code: 'plumbing_electric', service_name: '水电', metadata: false, type: 'realtime' }))
  const def = await getJson('/open311/v2/services/elevator.json?jurisdiction_id=lvyuan')
  expect(def.json()).toEqual({ service_code: 'elevator', attributes: [] })
  const missing = await getJson('/open311/v2/services/nope.json?jurisdiction_id=lvyuan')
  expect(missing.statusCode).toBe(404)
  expect(missing.json()).toEqual([{ code: 404, description: expect.any(String) }])
  const noJur = await getJson('/open311/v2/services.json')
  expect(noJur.statusCode).toBe(400)
  expect(noJur.json()[0].code).toBe(400)
  expect((await getJson('/open311/v2/services.json?jurisdiction_id=atlantis')).statusCode).toBe(404)
})

test('requests list only public tickets, with nothing personal, times with a zone, status open/closed', async () => {
  const res = await getJson('/open311/v2/requests.json?jurisdiction_id=lvyuan')
  expect(res.statusCode).toBe(200)
  const items = res.json() as Record<string, unknown>[]
  const ids = items.map((i) => i.service_request_id)
  expect(ids).toContain(String(publicId))
  expect(ids).not.toContain(String(homeId))
  const mine = items.find((i) => i.service_request_id === String(publicId))!
  expect(mine).toMatchObject({ status: 'open', service_code: 'public_lighting', address: '3号楼东侧路灯', description: '路灯不亮' })
  expect(mine.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
  const text = JSON.stringify(items)
  expect(text).not.toContain('1381234')
  expect(text).not.toContain('陈女士')
  // Other jurisdiction: not there.
  const other = (await getJson('/open311/v2/requests.json?jurisdiction_id=hexie')).json() as { service_request_id: string }[]
  expect(other.map((i) => i.service_request_id)).not.toContain(String(publicId))
  // Single request; a home ticket is a 404 as if it did not exist.
  const one = await getJson(`/open311/v2/requests/${publicId}.json?jurisdiction_id=lvyuan`)
  expect(one.statusCode).toBe(200)
  expect(one.json()).toHaveLength(1)
  const home = await getJson(`/open311/v2/requests/${homeId}.json?jurisdiction_id=lvyuan`)
  expect(home.statusCode).toBe(404)
  expect(home.json()[0].code).toBe(404)
})

test('filters: service_request_id, service_code, status, start_date, end_date', async () => {
  const q = (s: string) => getJson(`/open311/v2/requests.json?jurisdiction_id=lvyuan&${s}`)
  expect(((await q(`service_request_id=${publicId},${homeId}`)).json() as unknown[]).length).toBe(1)
  expect(((await q('service_code=elevator')).json() as unknown[]).length).toBe(0)
  expect(((await q('service_code=public_lighting')).json() as unknown[]).length).toBeGreaterThanOrEqual(1)
  expect(((await q('status=closed')).json() as { service_request_id: string }[]).map((i) => i.service_request_id)).not.toContain(String(publicId))
  expect(((await q('status=open')).json() as { service_request_id: string }[]).map((i) => i.service_request_id)).toContain(String(publicId))
  const future = encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())
  expect(((await q(`start_date=${future}`)).json() as unknown[]).length).toBe(0)
  expect(((await q(`end_date=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`)).json() as unknown[]).length).toBe(0)
  const bad = await q('status=maybe')
  expect(bad.statusCode).toBe(400)
  expect(bad.json()).toEqual([{ code: 400, description: expect.any(String) }])
  expect((await q('start_date=yesterday')).statusCode).toBe(400)
})

test('POST requests.json (form-encoded) with a key files a public ticket staff can see', async () => {
  const res = await postForm({ api_key: key, jurisdiction_id: 'lvyuan', service_code: 'greenery', lat: '31.2304', long: '121.4737', description: '草坪积水', media_url: 'https://example.org/p.jpg', email: 'a@example.org' })
  expect(res.statusCode).toBe(200)
  const [created] = res.json()
  expect(created.service_request_id).toMatch(/^\d+$/)
  const id = Number(created.service_request_id)
  const back = (await getJson(`/open311/v2/requests/${id}.json?jurisdiction_id=lvyuan`)).json()[0]
  expect(back).toMatchObject({ service_code: 'greenery', lat: 31.2304, long: 121.4737, media_url: 'https://example.org/p.jpg', status: 'open' })
  expect(JSON.stringify(back)).not.toContain('example.org"') // the email is not stored anywhere
  const staffView = await t.app.inject({ method: 'GET', url: `/api/v1/repairs/${id}`, headers: bearer(tokens.staff) })
  expect(staffView.statusCode).toBe(200)
  expect(staffView.json()).toMatchObject({ location: { kind: 'public' }, events: [{ type: 'created', actor: { role: 'open311' } }] })
  const row = await t.app.deps.db.selectFrom('repair_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  expect(JSON.stringify(row)).not.toContain('a@example.org')
  // Visible to residents of the compound, not to another compound.
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/repairs/${id}`, headers: bearer(tokens.resident) })).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/repairs/${id}`, headers: bearer(tokens.resident_b) })).statusCode).toBe(404)
})

test('POST errors: no or bad key 403, wrong jurisdiction 403, unknown service 404, no location 400, JSON 415', async () => {
  const base = { service_code: 'greenery', address_string: '南门', description: '树倒了' }
  const cases: [Record<string, string>, number][] = [
    [base, 403],
    [{ ...base, api_key: 'o311_wrong' }, 403],
    [{ ...base, api_key: key, jurisdiction_id: 'hexie' }, 403],
    [{ ...base, api_key: key, service_code: 'teleport' }, 404],
    [{ api_key: key, service_code: 'greenery', description: '树倒了' }, 400],
    [{ ...base, api_key: key, lat: '31.2' }, 400],
    [{ ...base, api_key: key, lat: 'north', long: '121' }, 400],
    [{ ...base, api_key: key, description: 'x'.repeat(4001) }, 400],
    [{ ...base, api_key: key, unknown_field: '1' }, 400],
  ]
  for (const [fields, status] of cases) {
    const res = await postForm(fields)
    expect([fields, res.statusCode]).toEqual([fields, status])
    expect(res.json()).toEqual([{ code: status, description: expect.any(String) }])
  }
  const json = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...base, api_key: key }) })
  expect(json.statusCode).toBe(415)
  // Form bodies are still refused by the rest of the API.
  const f = form({ category: 'other' })
  const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/repairs', headers: { ...bearer(tokens.resident), 'content-type': f['content-type'] }, payload: f.payload })
  expect(elsewhere.statusCode).toBe(415)
  expect(errorCode(elsewhere)).toBe('UNSUPPORTED_MEDIA_TYPE')
  const ok = await postForm({ ...base, api_key: key })
  expect(ok.statusCode).toBe(200)
})
