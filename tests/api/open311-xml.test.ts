import { XMLParser } from 'fast-xml-parser'
import type { InjectOptions } from 'fastify'
import type { Persona } from '../../types/identity'
import { bearer, build, login, type TestApp } from './helper'

jest.setTimeout(30_000)

let t: TestApp
let key: string
let publicId: number
let homeId: number

/** Entries of a list are named after the list, as in the specification's examples. */
const ITEM_OF: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute' }
const ITEMS = new Set(Object.values(ITEM_OF))

// Values stay text and lists stay lists, so the comparison is exact about every character the server sent.
const parser = new XMLParser({ parseTagValue: false, trimValues: false, ignoreDeclaration: true, isArray: (name) => ITEMS.has(name) })

/** What a JSON answer looks like once written as XML and read back: all values text, null and [] as empty elements. */
function asXmlReads(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.length === 0 ? '' : { [ITEM_OF[name]!]: value.map((v) => asXmlReads(v, ITEM_OF[name]!)) }
  if (value === null) return ''
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asXmlReads(v, k)]))
  return String(value)
}

const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })

/** The same request in both formats: `url` names the format as `{format}`. */
async function both(url: string, options: Omit<InjectOptions, 'url'> = { method: 'GET' }) {
  const json = await t.app.inject({ ...options, url: url.replace('{format}', 'json') })
  const xml = await t.app.inject({ ...options, url: url.replace('{format}', 'xml') })
  return { json, xml }
}

function readXml(res: { headers: Record<string, unknown>; body: string }): Record<string, unknown> {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
  expect(res.body).not.toMatch(/xmlns/)
  return parser.parse(res.body)
}

/** Both answers have the same status and the XML reads back as exactly the JSON under the given document element. */
async function sameAnswer(root: string, url: string, options?: Omit<InjectOptions, 'url'>) {
  const { json, xml } = await both(url, options)
  expect([url, xml.statusCode]).toEqual([url, json.statusCode])
  expect(json.headers['content-type']).toMatch(/^application\/json/)
  expect(readXml(xml)).toEqual({ [root]: asXmlReads(json.json(), root) })
  return json.json()
}

beforeAll(async () => {
  t = await build()
  const tokens = {} as Record<Persona, string>
  for (const p of ['resident', 'admin'] as Persona[]) tokens[p] = await login(t.app, p)
  key = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/open311-keys', headers: bearer(tokens.admin), payload: { label: '街道平台' } })).json().key
  const mk = (location: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/repairs', headers: bearer(tokens.resident), payload: { category: 'public_lighting', location, description: '路灯不亮', urgency: 'normal', contactPhone: '13812345678' } })
  publicId = (await mk({ kind: 'public', text: '3号楼东侧路灯' })).json().id
  homeId = (await mk({ kind: 'home' })).json().id
})
afterAll(async () => t.close())

test('discovery in both formats lists both formats', async () => {
  const d = await sameAnswer('discovery', '/open311/v2/discovery.{format}')
  expect(d.endpoints).toEqual([expect.objectContaining({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] })])
})

test('services and a service definition: the XML is the JSON', async () => {
  const services = await sameAnswer('services', '/open311/v2/services.{format}?jurisdiction_id=lvyuan')
  expect(services).toHaveLength(8)
  const raw = (await t.app.inject({ method: 'GET', url: '/open311/v2/services.xml?jurisdiction_id=lvyuan' })).body
  expect(raw).toContain('<services><service><service_code>plumbing_electric</service_code>')
  expect(raw).toContain('<metadata>false</metadata>')
  expect(await sameAnswer('service_definition', '/open311/v2/services/elevator.{format}?jurisdiction_id=lvyuan')).toEqual({ service_code: 'elevator', attributes: [] })
})

test('requests: the list, filters and a single request read the same in XML', async () => {
  const all = (await sameAnswer('service_requests', '/open311/v2/requests.{format}?jurisdiction_id=lvyuan')) as { service_request_id: string }[]
  expect(all.map((r) => r.service_request_id)).toContain(String(publicId))
  await sameAnswer('service_requests', `/open311/v2/requests.{format}?jurisdiction_id=lvyuan&status=open&service_code=public_lighting`)
  // An empty list is an empty document element.
  expect(await sameAnswer('service_requests', '/open311/v2/requests.{format}?jurisdiction_id=lvyuan&service_code=elevator')).toEqual([])
  const [one] = await sameAnswer('service_requests', `/open311/v2/requests/${publicId}.{format}?jurisdiction_id=lvyuan`)
  expect(one).toMatchObject({ service_request_id: String(publicId), address: '3号楼东侧路灯', service_notice: null })
  const raw = (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${publicId}.xml?jurisdiction_id=lvyuan` })).body
  expect(raw).toContain(`<service_requests><request><service_request_id>${publicId}</service_request_id>`)
})

test('POST requests.xml takes the same form as requests.json and answers the same shape; numbers and text survive', async () => {
  const fields = { api_key: key, jurisdiction_id: 'lvyuan', service_code: 'greenery', lat: '31.2304', long: '121.4737', address_string: '南门 <花坛>', description: `草坪积水 <&>"' 请处理`, media_url: 'https://example.org/p.jpg?a=1&b=2' }
  const { json, xml } = await both('/open311/v2/requests.{format}', { method: 'POST', ...form(fields) })
  expect([json.statusCode, xml.statusCode]).toEqual([200, 200])
  const posted = readXml(xml) as { service_requests: { request: { service_request_id: string }[] } }
  const xmlId = posted.service_requests.request[0]!.service_request_id
  expect(xmlId).toMatch(/^\d+$/)
  expect(posted).toEqual({ service_requests: asXmlReads(json.json().map((r: object) => ({ ...r, service_request_id: xmlId })), 'service_requests') })
  // The ticket filed over XML is read back exactly, in both formats, with the markup characters escaped in the XML.
  const [back] = await sameAnswer('service_requests', `/open311/v2/requests/${xmlId}.{format}?jurisdiction_id=lvyuan`)
  expect(back).toMatchObject({ description: fields.description, address: fields.address_string, lat: 31.2304, long: 121.4737, media_url: fields.media_url })
  const raw = (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${xmlId}.xml?jurisdiction_id=lvyuan` })).body
  expect(raw).toContain('<description>草坪积水 &lt;&amp;&gt;&quot;&apos; 请处理</description>')
  expect(raw).toContain('<lat>31.2304</lat><long>121.4737</long>')
})

test('errors: the same status in both formats, XML as <errors><error><code/><description/>', async () => {
  const base = { service_code: 'greenery', address_string: '南门', description: '树倒了' }
  const cases: [string, Omit<InjectOptions, 'url'> | undefined, number][] = [
    ['/open311/v2/services.{format}', undefined, 400],
    ['/open311/v2/services.{format}?jurisdiction_id=atlantis', undefined, 404],
    ['/open311/v2/services/nope.{format}?jurisdiction_id=lvyuan', undefined, 404],
    [`/open311/v2/requests/${homeId}.{format}?jurisdiction_id=lvyuan`, undefined, 404],
    ['/open311/v2/requests/0.{format}?jurisdiction_id=lvyuan', undefined, 400],
    ['/open311/v2/requests.{format}?jurisdiction_id=lvyuan&status=maybe', undefined, 400],
    ['/open311/v2/requests.{format}?jurisdiction_id=lvyuan&start_date=yesterday', undefined, 400],
    ['/open311/v2/requests.{format}', { method: 'POST', ...form(base) }, 403],
    ['/open311/v2/requests.{format}', { method: 'POST', ...form({ ...base, api_key: key, service_code: 'teleport' }) }, 404],
    ['/open311/v2/requests.{format}', { method: 'POST', ...form({ ...base, api_key: key, lat: 'north', long: '121' }) }, 400],
    ['/open311/v2/requests.{format}', { method: 'POST', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...base, api_key: key }) }, 415],
    ['/open311/v2/nothing-here.{format}', undefined, 404],
  ]
  for (const [url, options, status] of cases) {
    const { json, xml } = await both(url, options)
    expect([url, json.statusCode, xml.statusCode]).toEqual([url, status, status])
    expect(json.json()).toEqual([{ code: status, description: expect.any(String) }])
    expect(readXml(xml)).toEqual({ errors: asXmlReads(json.json(), 'errors') })
    expect(xml.body).toMatch(new RegExp(`<errors><error><code>${status}</code><description>[^<]+</description></error></errors>$`))
  }
})

test('an unknown format is a 404 in the specification error shape', async () => {
  for (const url of ['/open311/v2/services.yaml?jurisdiction_id=lvyuan', `/open311/v2/requests/${publicId}.yaml?jurisdiction_id=lvyuan`, '/open311/v2/discovery.csv']) {
    const res = await t.app.inject({ method: 'GET', url })
    expect([url, res.statusCode]).toEqual([url, 404])
    expect(res.json()).toEqual([{ code: 404, description: expect.stringContaining('unknown format') }])
  }
})

test('the XML routes are documented as answering text/xml, their errors included', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }>> }
  const xmlOps = Object.entries(doc.paths)
    .filter(([p]) => p.startsWith('/open311/v2/') && p.endsWith('.xml'))
    .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m} ${p}`, op })))
  expect(xmlOps.map((o) => o.key).sort()).toEqual(
    ['get /open311/v2/discovery.xml', 'get /open311/v2/requests.xml', 'get /open311/v2/requests/{id}.xml', 'get /open311/v2/services.xml', 'get /open311/v2/services/{code}.xml', 'post /open311/v2/requests.xml'].sort(),
  )
  for (const { key: k, op } of xmlOps) {
    // The api_key of a POST travels in the form, as the specification has it: no route asks for the bearer token.
    expect([k, op.security]).toEqual([k, []])
    for (const [status, answer] of Object.entries(op.responses)) {
      if (Number(status) >= 400) expect([k, status, Object.keys(answer.content ?? {})]).toEqual([k, status, ['text/xml']])
    }
  }
})
