import { sql } from 'kysely'
import sharp from 'sharp'
import { PERSONAS, type Persona } from '../../types/identity'
import { deliverDue } from '../../server/modules/messages/delivery'
import { upload } from './fixtures'
import { ENGINE, bearer, build, login, type TestApp } from './helper'

/**
 * Authorization matrix: two communities × every persona (and no login) × every route that takes an object id.
 *
 * The routes come from the OpenAPI document, so a new route with a path parameter, or a new id field in a request body,
 * fails this test until it has an entry below. For each entry a fresh object is made in community A (绿苑小区) for every
 * caller; the callers listed in `allowed` must succeed, every other caller must get 403/404 in the error format, and the
 * database must be exactly as it was before the refused request.
 */
jest.setTimeout(300_000)

type Caller = Persona | 'anonymous'
const CALLERS: readonly Caller[] = [...PERSONAS, 'anonymous']
const IN_A: readonly Caller[] = ['resident', 'elder', 'rep', 'staff', 'worker', 'admin']
/** The office of community A: staff and admin; plus whoever else a case names. */
const OFFICE: readonly Caller[] = ['staff', 'admin']

interface Req {
  params: Record<string, string | number>
  query?: string
  payload?: unknown
}
interface Case {
  what: string
  /** Makes the object in community A (fresh for every caller) and says how to ask for it. */
  arrange: () => Promise<Req>
  allowed: readonly Caller[]
  status?: number
}

/** Path parameters that name no object anyone owns. */
const NOT_OBJECT_IDS: Record<string, string> = {
  'GET /open311/v2/services/{code}.json': 'a service code from the fixed public list of categories',
  'GET /open311/v2/services/{code}.xml': 'a service code from the fixed public list of categories',
}

let t: TestApp
const tokens = {} as Record<Persona, string>
const userIds = {} as Record<Persona, number>
let buildingsA: number[]
let buildingsB: number[]
let householdsA: { id: number; buildingId: number }[]
let householdsB: { id: number; buildingId: number }[]

const headersOf = (who: Caller) => (who === 'anonymous' ? {} : bearer(tokens[who]))

async function api(who: Persona, method: string, url: string, payload?: unknown, expected = [200, 201]) {
  const res = await t.app.inject({ method: method as 'GET', url, headers: headersOf(who), ...(payload === undefined ? {} : { payload: payload as object }) })
  if (!expected.includes(res.statusCode)) throw new Error(`arrange: ${who} ${method} ${url} → ${res.statusCode} ${res.body}`)
  return String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body
}

// ---------------------------------------------------------------- objects in community A

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString()
const inAWeek = () => new Date(Date.now() + 7 * 86400_000).toISOString()

/** A notice the building-1 representative publishes to building 1 and asks to be confirmed. */
const repNotice = async (extra: object = {}) =>
  (await api('rep', 'POST', '/api/v1/notices', { title: '1号楼停水通知', body: '周六上午停水。', category: 'outage', buildingIds: [buildingsA[0]], requiresAck: true, ...extra })).id as number

const staffNotice = async () => (await api('staff', 'POST', '/api/v1/notices', { title: '小区消防演练', body: '周日上午。', category: 'safety' })).id as number

/** A building-1 owners' decision run by the representative; open unless asked for a draft. */
async function repPoll(open = true) {
  const poll = await api('rep', 'POST', '/api/v1/polls', { title: '是否更换单元门禁', kind: 'approve', buildingIds: [buildingsA[0]], closesAt: inAWeek(), secret: false, resultsVisibility: 'live', legalRule: 'none', voters: 'owners' })
  if (open) await api('rep', 'POST', `/api/v1/polls/${poll.id}/open`)
  return { id: poll.id as number, optionId: poll.options[0].id as number }
}

async function residentReceipt() {
  const poll = await repPoll()
  const cast = await api('resident', 'PUT', `/api/v1/polls/${poll.id}/ballot`, { choices: [poll.optionId] })
  return { params: { id: poll.id, code: cast.receipt as string } }
}

/** A household of building 1 that no persona lives in. */
const vacantInBuilding1 = () => householdsA.find((h) => h.buildingId === buildingsA[0] && !Object.values(homes).includes(h.id))!.id
const homes = {} as Record<string, number>

const homeTicket = async (photoIds?: string[]) =>
  (await api('resident', 'POST', '/api/v1/repairs', { category: 'plumbing_electric', location: { kind: 'home' }, description: '卫生间漏水', urgency: 'normal', ...(photoIds ? { photoIds } : {}) })).id as number

const publicTicket = async () =>
  (await api('rep', 'POST', '/api/v1/repairs', { category: 'public_lighting', location: { kind: 'public', text: '1号楼门口路灯' }, description: '路灯不亮', urgency: 'normal' })).id as number

async function assignedTicket(photoIds?: string[]) {
  const id = await homeTicket(photoIds)
  await api('staff', 'POST', `/api/v1/repairs/${id}/transitions`, { action: 'assign', assigneeId: userIds.worker })
  return id
}

async function resolvedTicket() {
  const id = await assignedTicket()
  await api('worker', 'POST', `/api/v1/repairs/${id}/transitions`, { action: 'resolve', note: '已修好' })
  return id
}

async function residentUpload(): Promise<string> {
  const jpeg = await sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer()
  const res = await upload(t.app, tokens.resident, jpeg, { filename: 'leak.jpg' })
  if (res.statusCode !== 201) throw new Error(`upload → ${res.statusCode} ${res.body}`)
  return res.json().id as string
}

/** One of the resident's messages: the office accepting their ticket reaches them through the outbox. */
async function residentMessage() {
  await api('staff', 'POST', `/api/v1/repairs/${await homeTicket()}/transitions`, { action: 'accept' })
  while ((await deliverDue(t.app.deps)) > 0);
  const list = await api('resident', 'GET', '/api/v1/messages?limit=1')
  return list.items[0].id as number
}

const id = (n: number | string) => ({ params: { id: n } })

// ---------------------------------------------------------------- the matrix

/** The same request in either of the GeoReport formats. */
const open311Request: Case[] = [
  { what: 'a public-place ticket of 绿苑', arrange: async () => ({ ...id(await publicTicket()), query: 'jurisdiction_id=lvyuan' }), allowed: CALLERS },
  { what: 'a public-place ticket of 绿苑, asked of 和谐家园', arrange: async () => ({ ...id(await publicTicket()), query: 'jurisdiction_id=hexie' }), allowed: [] },
  { what: 'a home ticket', arrange: async () => ({ ...id(await homeTicket()), query: 'jurisdiction_id=lvyuan' }), allowed: [] },
]

const MATRIX: Record<string, Case[]> = {
  'POST /api/v1/messages/{id}/read': [{ what: "the resident's message", arrange: async () => id(await residentMessage()), allowed: ['resident'] }],

  'GET /api/v1/notices/{id}': [
    { what: 'a building-1 notice', arrange: async () => id(await repNotice()), allowed: ['resident', 'rep', ...OFFICE] },
    { what: 'a community notice', arrange: async () => id(await staffNotice()), allowed: IN_A },
    { what: 'a scheduled building-1 notice', arrange: async () => id(await repNotice({ publishAt: inAnHour() })), allowed: ['rep', ...OFFICE] },
  ],
  'PATCH /api/v1/notices/{id}': [{ what: "the representative's notice", arrange: async () => ({ ...id(await repNotice()), payload: { title: '改过的标题' } }), allowed: ['rep', ...OFFICE] }],
  'DELETE /api/v1/notices/{id}': [{ what: "the representative's notice", arrange: async () => id(await repNotice()), allowed: ['rep', ...OFFICE] }],
  'POST /api/v1/notices/{id}/ack': [{ what: 'a building-1 notice to confirm', arrange: async () => id(await repNotice()), allowed: ['resident', 'rep', ...OFFICE] }],
  'GET /api/v1/notices/{id}/receipts': [{ what: "a building-1 notice's follow-up", arrange: async () => id(await repNotice()), allowed: ['rep', ...OFFICE] }],
  'GET /api/v1/notices/{id}/receipts.csv': [{ what: "a building-1 notice's follow-up", arrange: async () => id(await repNotice()), allowed: ['rep', ...OFFICE] }],
  'POST /api/v1/notices/{id}/remind': [{ what: 'a building-1 notice', arrange: async () => id(await repNotice()), allowed: ['rep', ...OFFICE] }],

  'GET /api/v1/polls/{id}': [
    { what: 'an open building-1 poll', arrange: async () => id((await repPoll()).id), allowed: ['resident', 'rep', ...OFFICE] },
    { what: 'a draft building-1 poll', arrange: async () => id((await repPoll(false)).id), allowed: ['rep', ...OFFICE] },
  ],
  'POST /api/v1/polls/{id}/open': [{ what: 'a draft poll', arrange: async () => id((await repPoll(false)).id), allowed: ['rep', ...OFFICE] }],
  'POST /api/v1/polls/{id}/close': [{ what: 'an open poll', arrange: async () => ({ ...id((await repPoll()).id), payload: {} }), allowed: ['rep', ...OFFICE] }],
  'POST /api/v1/polls/{id}/cancel': [{ what: 'an open poll', arrange: async () => ({ ...id((await repPoll()).id), payload: { reason: '方案有变' } }), allowed: ['rep', ...OFFICE] }],
  'PUT /api/v1/polls/{id}/ballot': [
    {
      what: 'an open owners-only poll',
      arrange: async () => {
        const p = await repPoll()
        return { ...id(p.id), payload: { choices: [p.optionId] } }
      },
      allowed: ['resident', 'rep'],
    },
  ],
  'POST /api/v1/polls/{id}/paper-ballots': [
    {
      what: 'a paper ballot for a building-1 household',
      arrange: async () => {
        const p = await repPoll()
        return { ...id(p.id), payload: { householdId: vacantInBuilding1(), choices: [p.optionId] } }
      },
      allowed: ['rep', ...OFFICE],
      status: 201,
    },
  ],
  'GET /api/v1/polls/{id}/results': [{ what: 'live results', arrange: async () => id((await repPoll()).id), allowed: ['resident', 'rep', ...OFFICE] }],
  'GET /api/v1/polls/{id}/results.csv': [{ what: 'live results', arrange: async () => id((await repPoll()).id), allowed: ['resident', 'rep', ...OFFICE] }],
  'GET /api/v1/polls/{id}/turnout': [{ what: 'who has not voted', arrange: async () => id((await repPoll()).id), allowed: ['rep', ...OFFICE] }],
  'GET /api/v1/polls/{id}/receipts/{code}': [{ what: "the resident's ballot receipt", arrange: residentReceipt, allowed: ['resident', 'rep', ...OFFICE] }],

  'GET /api/v1/repairs/{id}': [
    { what: "the resident's home ticket, assigned", arrange: async () => id(await assignedTicket()), allowed: ['resident', 'worker', ...OFFICE] },
    { what: "the resident's home ticket, not assigned", arrange: async () => id(await homeTicket()), allowed: ['resident', ...OFFICE] },
    { what: 'a public-place ticket', arrange: async () => id(await publicTicket()), allowed: IN_A },
  ],
  'POST /api/v1/repairs/{id}/transitions': [
    { what: 'assign', arrange: async () => ({ ...id(await homeTicket()), payload: { action: 'assign', assigneeId: userIds.worker } }), allowed: OFFICE },
    { what: 'start', arrange: async () => ({ ...id(await assignedTicket()), payload: { action: 'start' } }), allowed: ['worker'] },
    { what: 'cancel', arrange: async () => ({ ...id(await homeTicket()), payload: { action: 'cancel' } }), allowed: ['resident'] },
    { what: 'close', arrange: async () => ({ ...id(await resolvedTicket()), payload: { action: 'close' } }), allowed: ['resident', ...OFFICE] },
  ],
  'POST /api/v1/repairs/{id}/comments': [
    { what: 'a comment', arrange: async () => ({ ...id(await assignedTicket()), payload: { text: '下午在家' } }), allowed: ['resident', 'worker', ...OFFICE] },
    { what: 'an internal note', arrange: async () => ({ ...id(await assignedTicket()), payload: { text: '需要换阀门', internal: true } }), allowed: ['worker', ...OFFICE] },
    { what: "a comment on a neighbour's public ticket", arrange: async () => ({ ...id(await publicTicket()), payload: { text: '我也看到了' } }), allowed: ['rep', ...OFFICE] },
  ],
  'POST /api/v1/repairs/{id}/urge': [{ what: "the resident's open ticket", arrange: async () => id(await homeTicket()), allowed: ['resident'] }],
  'POST /api/v1/repairs/{id}/rating': [{ what: "the resident's resolved ticket", arrange: async () => ({ ...id(await resolvedTicket()), payload: { overall: 5, speed: 4, attitude: 5 } }), allowed: ['resident'] }],
  'POST /api/v1/repairs/{id}/me-too': [{ what: 'a public-place ticket', arrange: async () => id(await publicTicket()), allowed: IN_A }],

  'GET /api/v1/uploads/{id}': [
    { what: 'a photo on an assigned home ticket', arrange: async () => { const u = await residentUpload(); await assignedTicket([u]); return id(u) }, allowed: ['resident', 'worker', ...OFFICE] }, // prettier-ignore
    { what: 'a photo not attached yet', arrange: async () => id(await residentUpload()), allowed: ['resident', ...OFFICE] },
  ],

  // Open311 is public for public-place tickets of the jurisdiction asked for; the caller's login plays no part.
  'GET /open311/v2/requests/{id}.json': open311Request,
  'GET /open311/v2/requests/{id}.xml': open311Request,
}

// ---------------------------------------------------------------- ids inside request bodies

/** Request-body fields that name an object: a caller entitled to the route points them at something not theirs. */
interface BodyCase {
  what: string
  caller: Persona
  arrange: () => Promise<Req>
}
const otherUpload = async () => residentUpload()
const BODY_IDS: Record<string, BodyCase[]> = {
  'POST /api/v1/admin/invites householdIds': [{ what: "a household of 和谐家园", caller: 'admin', arrange: async () => ({ params: {}, payload: { householdIds: [householdsB[0]!.id] } }) }],
  'PUT /api/v1/admin/roles buildingId': [{ what: 'a building of 和谐家园', caller: 'admin', arrange: async () => ({ params: {}, payload: { userId: userIds.resident, role: 'rep', buildingId: buildingsB[0], granted: true } }) }],
  'PUT /api/v1/admin/roles userId': [{ what: 'a user that does not exist', caller: 'admin', arrange: async () => ({ params: {}, payload: { userId: 2_000_000_000, role: 'staff', granted: true } }) }],
  'POST /api/v1/notices buildingIds': [
    { what: 'a building of 和谐家园 (staff)', caller: 'staff', arrange: async () => ({ params: {}, payload: { title: 't', body: 'b', category: 'other', buildingIds: [buildingsB[0]] } }) },
    { what: 'a building the representative does not represent', caller: 'rep', arrange: async () => ({ params: {}, payload: { title: 't', body: 'b', category: 'other', buildingIds: [buildingsA[1]] } }) },
  ],
  'POST /api/v1/notices imageIds': [{ what: "the resident's photo", caller: 'staff', arrange: async () => ({ params: {}, payload: { title: 't', body: 'b', category: 'other', imageIds: [await otherUpload()] } }) }],
  'PATCH /api/v1/notices/{id} imageIds': [{ what: "the resident's photo", caller: 'rep', arrange: async () => ({ ...id(await repNotice()), payload: { imageIds: [await otherUpload()] } }) }],
  'POST /api/v1/polls buildingIds': [
    { what: 'a building of 和谐家园 (staff)', caller: 'staff', arrange: async () => ({ params: {}, payload: { title: 't', kind: 'approve', buildingIds: [buildingsB[0]], closesAt: inAWeek(), secret: false, resultsVisibility: 'live', legalRule: 'none', voters: 'owners' } }) },
    { what: 'a building the representative does not represent', caller: 'rep', arrange: async () => ({ params: {}, payload: { title: 't', kind: 'approve', buildingIds: [buildingsA[1]], closesAt: inAWeek(), secret: false, resultsVisibility: 'live', legalRule: 'none', voters: 'owners' } }) },
  ],
  'PUT /api/v1/polls/{id}/ballot householdId': [
    {
      what: "a neighbour's household",
      caller: 'resident',
      arrange: async () => {
        const p = await repPoll()
        return { ...id(p.id), payload: { choices: [p.optionId], householdId: vacantInBuilding1() } }
      },
    },
  ],
  'POST /api/v1/polls/{id}/paper-ballots householdId': [
    {
      what: 'a household of 和谐家园',
      caller: 'staff',
      arrange: async () => {
        const p = await repPoll()
        return { ...id(p.id), payload: { choices: [p.optionId], householdId: householdsB[0]!.id } }
      },
    },
    {
      what: 'a household outside the poll (building 2)',
      caller: 'staff',
      arrange: async () => {
        const p = await repPoll()
        return { ...id(p.id), payload: { choices: [p.optionId], householdId: householdsA.find((h) => h.buildingId === buildingsA[1])!.id } }
      },
    },
  ],
  'POST /api/v1/repairs location.householdId': [{ what: "a neighbour's household", caller: 'resident', arrange: async () => ({ params: {}, payload: { category: 'other', location: { kind: 'home', householdId: vacantInBuilding1() }, description: 'd', urgency: 'normal' } }) }],
  'POST /api/v1/repairs location.buildingId': [{ what: 'a building of 和谐家园', caller: 'resident', arrange: async () => ({ params: {}, payload: { category: 'other', location: { kind: 'public', text: '大门', buildingId: buildingsB[0] }, description: 'd', urgency: 'normal' } }) }],
  'POST /api/v1/repairs photoIds': [{ what: "the resident's photo", caller: 'elder', arrange: async () => ({ params: {}, payload: { category: 'other', location: { kind: 'home' }, description: 'd', urgency: 'normal', photoIds: [await otherUpload()] } }) }],
  'POST /api/v1/repairs/{id}/transitions assigneeId': [
    { what: 'the staff of 和谐家园', caller: 'staff', arrange: async () => ({ ...id(await homeTicket()), payload: { action: 'assign', assigneeId: userIds.staff_b } }) },
    { what: 'a resident', caller: 'staff', arrange: async () => ({ ...id(await homeTicket()), payload: { action: 'assign', assigneeId: userIds.elder } }) },
  ],
  'POST /api/v1/repairs/{id}/transitions photoIds': [{ what: "the resident's photo", caller: 'worker', arrange: async () => ({ ...id(await assignedTicket()), payload: { action: 'start', photoIds: [await otherUpload()] } }) }],
  'POST /api/v1/repairs/{id}/comments photoIds': [{ what: "the resident's photo", caller: 'staff', arrange: async () => ({ ...id(await assignedTicket()), payload: { text: 'x', photoIds: [await otherUpload()] } }) }],
}

// ---------------------------------------------------------------- the OpenAPI document

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] }
interface Doc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>
}

/** Field paths (a.b.c) of a body schema whose name says it holds an id or a list of ids. */
function idFields(s: Schema | undefined, prefix = ''): string[] {
  if (!s) return []
  const nested = [...(s.anyOf ?? []), ...(s.items ? [s.items] : [])].flatMap((x) => idFields(x, prefix))
  const own = Object.entries(s.properties ?? {}).flatMap(([k, v]) => [...(/(^id|Id|Ids)$/.test(k) ? [`${prefix}${k}`] : []), ...idFields(v, `${prefix}${k}.`)])
  return [...new Set([...own, ...nested])]
}

let doc: Doc
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      bodyIds: idFields(op.requestBody?.content['application/json']?.schema),
    })),
  )

// ---------------------------------------------------------------- "changes nothing"

/** Tables that a refused request may touch: its session and the rate counters (counting refusals is the point). */
const UNWATCHED = new Set(['sessions', 'rate_counters'])
let tables: string[]

/** The dictionary no id route writes to: counted, not compared row by row (it is most of the database). */
const COUNTED = new Set(['sorting_items'])

async function snapshot(): Promise<string[]> {
  const db = t.app.deps.db
  const out: string[] = []
  for (const name of tables) {
    const query = COUNTED.has(name) ? sql<Record<string, unknown>>`select count(*) as n from ${sql.table(name)}` : sql<Record<string, unknown>>`select * from ${sql.table(name)}`
    const rows = (await query.execute(db)).rows
    out.push(`${name}: ${rows.map((r) => JSON.stringify(r)).sort().join('\n')}`)
  }
  return out
}

/** The first table whose content differs, with the first differing rows. */
function firstDifference(before: string[], after: string[]): string | null {
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue
    const b = new Set(before[i]!.split('\n'))
    const a = new Set(after[i]!.split('\n'))
    return `${tables[i]}: -${[...b].filter((x) => !a.has(x)).slice(0, 2).join(' ')} +${[...a].filter((x) => !b.has(x)).slice(0, 2).join(' ')}`
  }
  return null
}

// ---------------------------------------------------------------- running it

beforeAll(async () => {
  t = await build({ backgroundJobs: false, rateLimitMax: 10_000_000 })
  for (const p of PERSONAS) {
    tokens[p] = await login(t.app, p)
    const me = await api(p, 'GET', '/api/v1/me')
    userIds[p] = me.user.id
    if (me.households[0]) homes[p] = me.households[0].id
  }
  buildingsA = (await api('admin', 'GET', '/api/v1/community/buildings')).items.map((b: { id: number }) => b.id)
  buildingsB = (await api('staff_b', 'GET', '/api/v1/community/buildings')).items.map((b: { id: number }) => b.id)
  householdsA = (await api('admin', 'GET', '/api/v1/admin/households')).items
  householdsB = (await api('staff_b', 'GET', '/api/v1/admin/households')).items
  expect(buildingsA.length).toBeGreaterThan(1)
  expect(buildingsB.length).toBeGreaterThan(0)
  doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
  const listed =
    ENGINE === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.app.deps.db)
      : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(t.app.deps.db)
  tables = listed.rows.map((r) => r.name).filter((n) => !UNWATCHED.has(n)).sort()
})
afterAll(async () => t?.close())

test('every route that takes an object id has a matrix entry, and every entry is a route', () => {
  const ops = operations()
  const withIds = ops.filter((o) => o.pathParams.length > 0).map((o) => o.key)
  const missing = withIds.filter((k) => !(k in MATRIX) && !(k in NOT_OBJECT_IDS))
  expect(missing.map((k) => `add "${k}" to MATRIX in tests/api/authz-matrix.test.ts (who may act on whose object?)`)).toEqual([])
  const stale = [...Object.keys(MATRIX), ...Object.keys(NOT_OBJECT_IDS)].filter((k) => !withIds.includes(k))
  expect(stale.map((k) => `"${k}" is in the matrix but not in the OpenAPI document`)).toEqual([])

  const bodyIds = ops.flatMap((o) => o.bodyIds.map((f) => `${o.key} ${f}`))
  const missingBody = bodyIds.filter((k) => !(k in BODY_IDS))
  expect(missingBody.map((k) => `add "${k}" to BODY_IDS in tests/api/authz-matrix.test.ts (what if it names another community's object?)`)).toEqual([])
  expect(Object.keys(BODY_IDS).filter((k) => !bodyIds.includes(k))).toEqual([])
})

const urlOf = (key: string, r: Req) => {
  let url = key.slice(key.indexOf(' ') + 1)
  for (const [k, v] of Object.entries(r.params)) url = url.replace(`{${k}}`, encodeURIComponent(String(v)))
  return r.query ? `${url}?${r.query}` : url
}

function refusalProblem(res: { statusCode: number; body: string }, open311: boolean): string | null {
  if (res.statusCode !== 403 && res.statusCode !== 404 && !(res.statusCode === 401)) return `status ${res.statusCode}`
  if (open311 && res.body.startsWith('<?xml')) return /<errors><error><code>\d+<\/code><description>[^<]+<\/description><\/error><\/errors>$/.test(res.body) ? null : 'no Open311 error'
  let body: unknown
  try {
    body = JSON.parse(res.body)
  } catch {
    return 'a body that is not JSON'
  }
  if (open311) return Array.isArray(body) && typeof (body[0] as { description?: unknown })?.description === 'string' ? null : 'no Open311 error'
  const e = (body as { error?: { code?: unknown; message?: unknown } }).error
  return typeof e?.code === 'string' && typeof e?.message === 'string' ? null : 'no error format'
}

test.each(Object.keys(MATRIX))('%s: only the allowed callers succeed; the rest are refused and change nothing', async (key) => {
  const problems: string[] = []
  const method = key.slice(0, key.indexOf(' '))
  for (const c of MATRIX[key]!) {
    for (const who of CALLERS) {
      const r = await c.arrange()
      const url = urlOf(key, r)
      const allowed = c.allowed.includes(who)
      const before = allowed ? [] : await snapshot()
      const res = await t.app.inject({ method: method as 'GET', url, headers: headersOf(who), ...(r.payload === undefined ? {} : { payload: r.payload as object }) })
      const label = `${c.what} · ${who} → ${res.statusCode}`
      if (allowed) {
        if (res.statusCode !== (c.status ?? 200)) problems.push(`${label}, expected ${c.status ?? 200}: ${res.body.slice(0, 160)}`)
        continue
      }
      // No login is a 401; a person without the right is a 403 or a 404.
      if (who === 'anonymous' && !key.includes('/open311/') && res.statusCode !== 401) problems.push(`${label}, expected 401`)
      if (who !== 'anonymous' && res.statusCode === 401) problems.push(`${label}, a signed-in person got 401`)
      const wrong = refusalProblem(res, key.includes('/open311/'))
      if (wrong) problems.push(`${label}: refused with ${wrong}: ${res.body.slice(0, 160)}`)
      const changed = firstDifference(before, await snapshot())
      if (changed) problems.push(`${label}: a refused request changed ${changed.slice(0, 300)}`)
    }
  }
  expect(problems).toEqual([])
})

test.each(Object.keys(BODY_IDS))('%s: pointing at an object that is not the caller’s is refused and changes nothing', async (key) => {
  const problems: string[] = []
  const route = key.slice(0, key.lastIndexOf(' '))
  const method = route.slice(0, route.indexOf(' '))
  for (const c of BODY_IDS[key]!) {
    const r = await c.arrange()
    const before = await snapshot()
    const res = await t.app.inject({ method: method as 'GET', url: urlOf(route, r), headers: headersOf(c.caller), payload: r.payload as object })
    const label = `${c.what} · ${c.caller} → ${res.statusCode}`
    if (res.statusCode < 400 || res.statusCode >= 500 || res.statusCode === 401) problems.push(`${label}: expected a refusal, got ${res.body.slice(0, 160)}`)
    else if (refusalProblem({ ...res, statusCode: 403 }, false)) problems.push(`${label}: no error format`)
    const changed = firstDifference(before, await snapshot())
    if (changed) problems.push(`${label}: a refused request changed ${changed.slice(0, 300)}`)
  }
  expect(problems).toEqual([])
})
