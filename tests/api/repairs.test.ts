import fc from 'fast-check'
import sharp from 'sharp'
import { REPAIR_STATUSES, type RepairAction } from '../../types/repairs'
import type { Persona } from '../../types/identity'
import { autoCloseResolved } from '../../server/modules/repairs/service'
import { photoWithGps, upload } from './fixtures'
import { bearer, build, errorCode, login, type TestApp } from './helper'

jest.setTimeout(60_000)

let t: TestApp
const tokens = {} as Record<Persona, string>
let workerId: number
let staffId: number

beforeAll(async () => {
  t = await build()
  for (const p of ['resident', 'elder', 'rep', 'staff', 'worker', 'admin', 'resident_b', 'staff_b'] as Persona[]) tokens[p] = await login(t.app, p)
  const users = await t.app.deps.db.selectFrom('users').select(['id', 'demo_persona']).execute()
  workerId = users.find((u) => u.demo_persona === 'worker')!.id
  staffId = users.find((u) => u.demo_persona === 'staff')!.id
})
afterAll(async () => t.close())

let keySeq = 0
const newKey = () => `test-key-${process.pid}-${++keySeq}-${Date.now()}`

type Body = Record<string, unknown>
const homeBody = (extra: Body = {}): Body => ({ category: 'plumbing_electric', location: { kind: 'home' }, description: '厨房水龙头漏水', urgency: 'normal', ...extra })
const publicBody = (extra: Body = {}): Body => ({ category: 'public_lighting', location: { kind: 'public', text: '2号楼北侧路灯' }, description: '路灯不亮', urgency: 'normal', ...extra })

function create(who: Persona, body: Body, key: string | null = newKey()) {
  return t.app.inject({ method: 'POST', url: '/api/v1/repairs', headers: { ...bearer(tokens[who]), ...(key ? { 'idempotency-key': key } : {}) }, payload: body })
}
async function createId(who: Persona, body: Body = homeBody()): Promise<number> {
  const res = await create(who, body)
  expect(res.statusCode).toBe(201)
  return res.json().id as number
}
const get = (who: Persona, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/repairs/${id}`, headers: bearer(tokens[who]) })
const act = (who: Persona, id: number, action: RepairAction, extra: Body = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/repairs/${id}/transitions`, headers: bearer(tokens[who]), payload: { action, ...extra } })
const post = (who: Persona, id: number, what: 'comments' | 'urge' | 'rating' | 'me-too', payload?: Body) =>
  t.app.inject({ method: 'POST', url: `/api/v1/repairs/${id}/${what}`, headers: bearer(tokens[who]), ...(payload ? { payload } : {}) })
const list = (who: Persona, query: string) => t.app.inject({ method: 'GET', url: `/api/v1/repairs?${query}`, headers: bearer(tokens[who]) })
const eventCount = async (id: number) =>
  Number((await t.app.deps.db.selectFrom('ticket_events').select((eb) => eb.fn.countAll().as('n')).where('ticket_id', '=', id).executeTakeFirstOrThrow()).n)

async function toResolved(id: number) {
  expect((await act('staff', id, 'assign', { assigneeId: workerId })).statusCode).toBe(200)
  expect((await act('worker', id, 'start')).statusCode).toBe(200)
  expect((await act('worker', id, 'resolve', { note: '已更换阀芯' })).statusCode).toBe(200)
}

describe('reporting', () => {
  test('a home ticket takes its place from the bound household, gets a 48 h deadline and one created event', async () => {
    const before = Date.now()
    const res = await create('resident', homeBody({ contactPhone: '13812345678', preferredTime: '工作日 18:00 后' }))
    expect(res.statusCode).toBe(201)
    const ticket = res.json()
    expect(ticket).toMatchObject({ status: 'submitted', stateGroup: 'open', overdue: false, urgency: 'normal', category: 'plumbing_electric', preferredTime: '工作日 18:00 后', mine: true })
    expect(ticket.location).toMatchObject({ kind: 'home', text: '1号楼 1单元 301', building: '1号楼' })
    const due = new Date(ticket.slaDueAt).getTime()
    expect(due - before).toBeGreaterThanOrEqual(48 * 3600_000 - 1000)
    expect(due - before).toBeLessThanOrEqual(48 * 3600_000 + 5000)
    expect(ticket.events).toHaveLength(1)
    expect(ticket.events[0]).toMatchObject({ type: 'created', toStatus: 'submitted', actor: { role: 'reporter' } })
    expect(ticket.actions).toEqual(['cancel'])
    // Staff were told about the new ticket.
    const outbox = await t.app.deps.db.selectFrom('outbox').select(['user_id', 'link']).where('link', '=', `/pages/repairs/detail?id=${ticket.id}`).execute()
    expect(outbox.map((o) => o.user_id)).toContain(staffId)
  })

  test('urgent tickets are due in 4 hours', async () => {
    const res = await create('resident', homeBody({ urgency: 'urgent' }))
    expect(res.statusCode).toBe(201)
    const hours = (new Date(res.json().slaDueAt).getTime() - new Date(res.json().createdAt).getTime()) / 3600_000
    expect(hours).toBe(4)
  })

  test('the same Idempotency-Key from the same person gives the same ticket: 201 then 200, one ticket, one event', async () => {
    const key = newKey()
    const first = await create('resident', homeBody({ description: '幂等测试' }), key)
    const again = await create('resident', homeBody({ description: '幂等测试' }), key)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(first.json().id)
    const rows = await t.app.deps.db.selectFrom('repair_tickets').select('id').where('idempotency_key', '=', key).execute()
    expect(rows).toHaveLength(1)
    expect(await eventCount(first.json().id)).toBe(1)
    // Concurrent duplicates also make one ticket.
    const key2 = newKey()
    const both = await Promise.all([create('resident', homeBody(), key2), create('resident', homeBody(), key2)])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201])
    expect(both[0]!.json().id).toBe(both[1]!.json().id)
    // Another person's identical key is another ticket; the same key with other content is refused.
    const other = await create('elder', homeBody({ description: '幂等测试' }), key)
    expect(other.statusCode).toBe(201)
    expect(other.json().id).not.toBe(first.json().id)
    const changed = await create('resident', homeBody({ description: '完全不同的问题' }), key)
    expect(changed.statusCode).toBe(422)
    expect(errorCode(changed)).toBe('REPAIR_IDEMPOTENCY_MISMATCH')
  })

  test('bad input is a 400 with a message, never a 500', async () => {
    const cases: Body[] = [
      homeBody({ category: 'nope' }),
      homeBody({ urgency: 'whenever' }),
      homeBody({ description: 'x'.repeat(1001) }),
      homeBody({ description: '' }),
      homeBody({ extra: 1 }),
      homeBody({ photoIds: Array.from({ length: 7 }, (_, i) => String(i).padStart(32, 'a')) }),
      publicBody({ location: { kind: 'public' } }),
      publicBody({ location: { kind: 'public', text: '大门', buildingId: 999999 } }),
      homeBody({ location: { kind: 'home', text: '随便写' } }),
      homeBody({ contactPhone: '12345' }),
    ]
    for (const body of cases) {
      const res = await create('resident', body)
      expect([res.statusCode, body]).toEqual([400, body])
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
    }
    const badKey = await create('resident', homeBody(), 'bad key with spaces')
    expect(badKey.statusCode).toBe(400)
  })

  test('staff without a home cannot report a home ticket; anyone signed out gets 401', async () => {
    const res = await create('staff', homeBody())
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('REPAIR_HOUSEHOLD_REQUIRED')
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/repairs', payload: homeBody() })
    expect(anon.statusCode).toBe(401)
  })
})

describe('workflow', () => {
  test('report → accept → assign → start → resolve → rate: the timeline has every step and the reporter is notified of each', async () => {
    const id = await createId('resident')
    expect((await act('staff', id, 'accept')).json().status).toBe('accepted')
    const assigned = await act('staff', id, 'assign', { assigneeId: workerId, note: '请尽快上门' })
    expect(assigned.statusCode).toBe(200)
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignee: { id: workerId, name: '赵师傅' } })
    const started = await act('worker', id, 'start')
    expect(started.json().status).toBe('in_progress')
    const resolved = await act('worker', id, 'resolve', { note: '已更换阀芯' })
    expect(resolved.json()).toMatchObject({ status: 'resolved', stateGroup: 'closed' })

    const view = (await get('resident', id)).json()
    expect(view.events.map((e: { type: string }) => e.type)).toEqual(['created', 'accept', 'assign', 'start', 'resolve'])
    expect(view.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['submitted', 'accepted', 'assigned', 'in_progress', 'resolved'])
    expect(view.actions.sort()).toEqual(['close', 'reopen'])
    expect(view.canRate).toBe(true)

    const rated = await post('resident', id, 'rating', { overall: 5, speed: 4, attitude: 5, comment: '师傅很专业' })
    expect(rated.statusCode).toBe(200)
    expect(rated.json()).toMatchObject({ status: 'closed', rating: { overall: 5, speed: 4, attitude: 5, comment: '师傅很专业' }, canRate: false })
    expect(rated.json().events.at(-1)).toMatchObject({ type: 'rating', fromStatus: 'resolved', toStatus: 'closed' })

    const statusNotes = await t.app.deps.db.selectFrom('outbox').select('title').where('user_id', '=', (await reporterId(id))!).where('link', '=', `/pages/repairs/detail?id=${id}`).where('kind', '=', 'repair.status').execute()
    expect(statusNotes).toHaveLength(4)

    const queue = (await list('staff', 'scope=queue&status=closed')).json()
    expect(queue.items.find((i: { id: number }) => i.id === id)).toMatchObject({ status: 'closed' })
  })

  test('illegal transitions: 409 with the current state; a party that may never do it: 403; required inputs: 400', async () => {
    const id = await createId('resident')
    const early = await act('staff', id, 'resolve')
    expect(early.statusCode).toBe(409)
    expect(errorCode(early)).toBe('REPAIR_ILLEGAL_TRANSITION')
    expect(early.json().error.details).toEqual({ status: 'submitted' })
    expect((await act('resident', id, 'accept')).statusCode).toBe(403)
    expect((await act('staff', id, 'start')).statusCode).toBe(403)
    expect((await act('staff', id, 'cancel')).statusCode).toBe(403)
    expect((await act('staff', id, 'assign')).statusCode).toBe(400)
    expect((await act('staff', id, 'reject')).statusCode).toBe(400)
    const bad = await act('staff', id, 'assign', { assigneeId: (await reporterId(id))! })
    expect(bad.statusCode).toBe(422)
    expect(errorCode(bad)).toBe('REPAIR_INVALID_ASSIGNEE')
    const unknown = await act('staff', id, 'explode' as RepairAction)
    expect(unknown.statusCode).toBe(400)
    expect(await eventCount(id)).toBe(1)

    const rejected = await act('staff', id, 'reject', { note: '属于燃气公司管辖，请拨打 962777' })
    expect(rejected.json()).toMatchObject({ status: 'rejected', closedAt: expect.any(String) })
    const cancel = await act('resident', id, 'cancel')
    expect(cancel.statusCode).toBe(409)
    expect(cancel.json().error.details.status).toBe('rejected')
  })

  test('the resident cancels before work starts but not after', async () => {
    const a = await createId('resident')
    expect((await act('resident', a, 'cancel')).json().status).toBe('cancelled')
    const b = await createId('resident')
    await act('staff', b, 'assign', { assigneeId: workerId })
    await act('worker', b, 'start')
    expect((await act('resident', b, 'cancel')).statusCode).toBe(409)
  })

  test('reopen within 7 days goes back to accepted with a new deadline; after 7 days it is refused', async () => {
    const id = await createId('resident')
    await toResolved(id)
    const reopened = await act('resident', id, 'reopen', { note: '还是漏水' })
    expect(reopened.json()).toMatchObject({ status: 'accepted', assignee: null, resolvedAt: null })
    await toResolved(id)
    await t.app.deps.db.updateTable('repair_tickets').set({ resolved_at: new Date(Date.now() - 8 * 86400_000).toISOString() }).where('id', '=', id).execute()
    const late = await act('resident', id, 'reopen')
    expect(late.statusCode).toBe(409)
    expect(errorCode(late)).toBe('REPAIR_REOPEN_EXPIRED')
    expect((await act('elder', id, 'reopen')).statusCode).toBe(404)
  })

  test('a worker can only start a ticket assigned to them', async () => {
    const id = await createId('resident', publicBody())
    await act('staff', id, 'accept')
    // Public, so the worker (a member of the community) sees it, but may not act on it.
    expect((await act('worker', id, 'start')).statusCode).toBe(403)
    expect((await act('worker', id, 'resolve')).statusCode).toBe(403)
  })
})

async function reporterId(id: number) {
  return (await t.app.deps.db.selectFrom('repair_tickets').select('reporter_id').where('id', '=', id).executeTakeFirstOrThrow()).reporter_id
}

describe('who may see and touch a ticket', () => {
  test('another household, another community and an unassigned worker get 404 on every endpoint of a home ticket', async () => {
    const id = await createId('resident')
    const outsiders: Persona[] = ['elder', 'rep', 'resident_b', 'staff_b', 'worker']
    for (const who of outsiders) {
      const calls = [
        get(who, id),
        act(who, id, 'cancel'),
        post(who, id, 'comments', { text: '你好' }),
        post(who, id, 'urge'),
        post(who, id, 'rating', { overall: 1, speed: 1, attitude: 1 }),
        post(who, id, 'me-too'),
      ]
      for (const res of await Promise.all(calls)) {
        expect([who, res.statusCode]).toEqual([who, 404])
        expect(errorCode(res)).toBe('NOT_FOUND')
      }
    }
    // Once assigned, the worker sees it; staff of the compound always did.
    await act('staff', id, 'assign', { assigneeId: workerId })
    expect((await get('worker', id)).statusCode).toBe(200)
    expect((await get('staff', id)).statusCode).toBe(200)
    expect((await get('admin', id)).statusCode).toBe(200)
    expect(await eventCount(id)).toBe(2)
  })

  test('a public ticket is visible to the whole compound but not to another one; neighbours cannot comment, urge or rate', async () => {
    const id = await createId('resident', publicBody())
    expect((await get('elder', id)).statusCode).toBe(200)
    expect((await get('resident_b', id)).statusCode).toBe(404)
    expect((await get('staff_b', id)).statusCode).toBe(404)
    expect((await post('elder', id, 'comments', { text: '同样' })).statusCode).toBe(403)
    expect((await post('elder', id, 'urge')).statusCode).toBe(403)
    expect((await act('elder', id, 'cancel')).statusCode).toBe(403)
  })

  test('the contact phone is full for staff and the assigned worker, masked for the household, absent for neighbours', async () => {
    const id = await createId('resident', publicBody({ contactPhone: '13812345678' }))
    await act('staff', id, 'assign', { assigneeId: workerId })
    expect((await get('staff', id)).json().contactPhone).toBe('13812345678')
    expect((await get('worker', id)).json().contactPhone).toBe('13812345678')
    expect((await get('resident', id)).json().contactPhone).toBe('138****5678')
    const neighbour = (await get('elder', id)).json()
    expect(neighbour.contactPhone).toBeNull()
    expect(neighbour.reporterName).toBeNull()
    expect(neighbour.events[0].actor.name).toBeNull()
    expect(JSON.stringify(neighbour)).not.toContain('5678')
  })

  test('internal notes: staff and the assigned worker see them, the resident never does', async () => {
    const id = await createId('resident')
    await act('staff', id, 'assign', { assigneeId: workerId })
    expect((await post('staff', id, 'comments', { text: '此户上次拖欠维修费', internal: true })).statusCode).toBe(200)
    expect((await post('resident', id, 'comments', { text: '家里下午有人' })).statusCode).toBe(200)
    expect((await post('resident', id, 'comments', { text: '我要写内部备注', internal: true })).statusCode).toBe(403)
    const residentView = (await get('resident', id)).json()
    expect(JSON.stringify(residentView)).not.toContain('拖欠')
    expect(residentView.events.filter((e: { type: string }) => e.type === 'comment')).toHaveLength(1)
    for (const who of ['staff', 'worker'] as Persona[]) {
      const view = (await get(who, id)).json()
      expect(view.events.find((e: { internal: boolean }) => e.internal)).toMatchObject({ note: '此户上次拖欠维修费', type: 'comment' })
    }
  })
})

describe('urge, rating, me-too', () => {
  test('urge once per 30 minutes (429), notifying the assignee; never after resolved (409)', async () => {
    const id = await createId('resident')
    const first = await post('resident', id, 'urge')
    expect(first.statusCode).toBe(200)
    const second = await post('resident', id, 'urge')
    expect(second.statusCode).toBe(429)
    expect(errorCode(second)).toBe('REPAIR_URGE_TOO_SOON')
    expect(second.json().error.message).toMatch(/分钟后再试/)
    // Nobody assigned yet: staff heard about it.
    expect(await t.app.deps.db.selectFrom('outbox').select('id').where('kind', '=', 'repair.urged').where('user_id', '=', staffId).where('link', '=', `/pages/repairs/detail?id=${id}`).execute()).toHaveLength(1)

    await act('staff', id, 'assign', { assigneeId: workerId })
    await t.app.deps.db.updateTable('repair_tickets').set({ last_urged_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id', '=', id).execute()
    expect((await post('resident', id, 'urge')).statusCode).toBe(200)
    expect(await t.app.deps.db.selectFrom('outbox').select('id').where('kind', '=', 'repair.urged').where('user_id', '=', workerId).where('link', '=', `/pages/repairs/detail?id=${id}`).execute()).toHaveLength(1)
    expect((await get('resident', id)).json().events.filter((e: { type: string }) => e.type === 'urge')).toHaveLength(2)

    await act('worker', id, 'resolve')
    await t.app.deps.db.updateTable('repair_tickets').set({ last_urged_at: null }).where('id', '=', id).execute()
    const late = await post('resident', id, 'urge')
    expect(late.statusCode).toBe(409)
    expect(errorCode(late)).toBe('REPAIR_URGE_CLOSED')
  })

  test('rating: only the reporter, only after resolution, only once, stars 1–5', async () => {
    const id = await createId('resident')
    const stars = { overall: 4, speed: 3, attitude: 5 }
    const early = await post('resident', id, 'rating', stars)
    expect(early.statusCode).toBe(409)
    expect(errorCode(early)).toBe('REPAIR_NOT_RATABLE')
    await toResolved(id)
    expect((await post('staff', id, 'rating', stars)).statusCode).toBe(403)
    expect((await post('worker', id, 'rating', stars)).statusCode).toBe(403)
    expect((await post('resident', id, 'rating', { ...stars, overall: 6 })).statusCode).toBe(400)
    expect((await post('resident', id, 'rating', { ...stars, overall: 0 })).statusCode).toBe(400)
    expect((await post('resident', id, 'rating', { overall: 5 })).statusCode).toBe(400)
    expect((await post('resident', id, 'rating', stars)).statusCode).toBe(200)
    const again = await post('resident', id, 'rating', stars)
    expect(again.statusCode).toBe(409)
    expect(errorCode(again)).toBe('REPAIR_ALREADY_RATED')
    const row = await t.app.deps.db.selectFrom('repair_tickets').select(['rating_overall', 'rating_speed', 'rating_attitude', 'status']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ rating_overall: 4, rating_speed: 3, rating_attitude: 5, status: 'closed' })
  })

  test('我也遇到了 counts each neighbour once, only on open public tickets', async () => {
    const id = await createId('resident', publicBody())
    const a = await post('elder', id, 'me-too')
    expect(a.json()).toEqual({ meToo: true, meTooCount: 1 })
    expect((await post('elder', id, 'me-too')).json()).toEqual({ meToo: true, meTooCount: 1 })
    expect((await post('rep', id, 'me-too')).json()).toEqual({ meToo: true, meTooCount: 2 })
    expect((await post('resident_b', id, 'me-too')).statusCode).toBe(404)
    const pub = (await list('elder', 'scope=public')).json()
    expect(pub.items.find((i: { id: number }) => i.id === id)).toMatchObject({ meTooCount: 2, meToo: true, mine: false })
    const home = await createId('resident')
    const res = await post('resident', home, 'me-too')
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('REPAIR_NOT_PUBLIC')
  })
})

describe('lists', () => {
  test('mine, public, queue and assigned return the right tickets with keyset pages', async () => {
    const ids: number[] = []
    for (let i = 0; i < 5; i++) ids.push(await createId('elder', homeBody({ description: `分页 ${i}`, urgency: i % 2 ? 'urgent' : 'normal' })))
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const res = await list('elder', `scope=mine&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.statusCode).toBe(200)
      const page = res.json()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((i: { id: number }) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    for (const id of ids) expect(seen).toContain(id)
    expect([...seen].sort((a, b) => b - a)).toEqual(seen)
    // Another household never sees them in its list.
    const theirs = (await list('resident', 'scope=mine&limit=50')).json().items.map((i: { id: number }) => i.id)
    for (const id of ids) expect(theirs).not.toContain(id)

    // The staff queue is sorted by deadline, across pages.
    const due: string[] = []
    cursor = null
    do {
      const res = await list('staff', `scope=queue&status=open&limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      const page = res.json() as { items: { slaDueAt: string; stateGroup: string }[]; nextCursor: string | null }
      due.push(...page.items.map((i) => i.slaDueAt))
      expect(page.items.filter((i) => i.stateGroup !== 'open')).toEqual([])
      cursor = page.nextCursor
    } while (cursor)
    expect([...due].sort()).toEqual(due)
    expect(due.length).toBeGreaterThanOrEqual(5)

    expect((await list('resident', 'scope=queue')).statusCode).toBe(403)
    expect((await list('resident', 'scope=assigned')).statusCode).toBe(403)
    const staffB = (await list('staff_b', 'scope=queue&limit=50')).json().items.map((i: { id: number }) => i.id)
    for (const id of ids) expect(staffB).not.toContain(id)
    expect((await list('staff', 'scope=queue&cursor=garbage')).statusCode).toBe(400)
    expect((await list('staff', 'scope=everything')).statusCode).toBe(400)

    await act('staff', ids[0]!, 'assign', { assigneeId: workerId })
    const mine = (await list('worker', 'scope=assigned&status=open')).json().items.map((i: { id: number }) => i.id)
    expect(mine).toContain(ids[0])
    expect(mine).not.toContain(ids[1])
  })

  test('filters: category, building, overdue', async () => {
    const id = await createId('elder', homeBody({ category: 'elevator' }))
    await t.app.deps.db.updateTable('repair_tickets').set({ sla_due_at: new Date(Date.now() - 3600_000).toISOString() }).where('id', '=', id).execute()
    const overdue = (await list('staff', 'scope=queue&overdue=true&limit=50')).json().items
    expect(overdue.map((i: { id: number }) => i.id)).toContain(id)
    expect(overdue.filter((i: { overdue: boolean }) => !i.overdue)).toEqual([])
    const elevators = (await list('staff', 'scope=queue&category=elevator&limit=50')).json().items
    expect(elevators.map((i: { id: number }) => i.id)).toContain(id)
    expect(elevators.filter((i: { category: string }) => i.category !== 'elevator')).toEqual([])
    const buildingId = (await get('staff', id)).json().location.buildingId as number
    const inBuilding = (await list('staff', `scope=queue&buildingId=${buildingId}&limit=50`)).json().items
    expect(inBuilding.filter((i: { location: { buildingId: number } }) => i.location.buildingId !== buildingId)).toEqual([])
    expect(inBuilding.map((i: { id: number }) => i.id)).toContain(id)
  })
})

describe('auto-close', () => {
  test('resolved tickets close themselves after 7 days without a rating, once, with a system event', async () => {
    const old = await createId('resident')
    await toResolved(old)
    const fresh = await createId('resident')
    await toResolved(fresh)
    const now = new Date(Date.now() + 7 * 86400_000 + 60_000)
    await t.app.deps.db.updateTable('repair_tickets').set({ resolved_at: new Date(Date.now() + 2 * 86400_000).toISOString() }).where('id', '=', fresh).execute()
    const closed = await autoCloseResolved(t.app.deps, now)
    expect(closed).toBeGreaterThanOrEqual(1)
    const view = (await get('resident', old)).json()
    expect(view.status).toBe('closed')
    expect(view.events.at(-1)).toMatchObject({ type: 'close', actor: { role: 'system' }, fromStatus: 'resolved', toStatus: 'closed' })
    expect((await get('resident', fresh)).json().status).toBe('resolved')
    // A second run (or another instance) finds nothing left to close.
    expect(await autoCloseResolved(t.app.deps, now)).toBe(0)
    expect((await get('resident', old)).json().events.filter((e: { type: string }) => e.type === 'close')).toHaveLength(1)
    // Two instances at once: each ticket still closes exactly once.
    const more = [await createId('resident'), await createId('resident')]
    for (const id of more) await toResolved(id)
    const later = new Date(Date.now() + 8 * 86400_000)
    const [x, y] = await Promise.all([autoCloseResolved(t.app.deps, later), autoCloseResolved(t.app.deps, later)])
    expect(x + y).toBeGreaterThanOrEqual(2)
    for (const id of more) expect((await get('resident', id)).json().events.filter((e: { type: string }) => e.type === 'close')).toHaveLength(1)
  })
})

describe('photos', () => {
  test('a photo with GPS EXIF comes back without it, and only people who may see the ticket can fetch it', async () => {
    const up = await upload(t.app, tokens.resident, await photoWithGps())
    expect(up.statusCode).toBe(201)
    const photoId = up.json().id as string
    const res = await create('resident', homeBody({ photoIds: [photoId] }))
    expect(res.statusCode).toBe(201)
    const ticket = res.json()
    expect(ticket.photos).toHaveLength(1)
    expect(ticket.events[0].photos.map((p: { id: string }) => p.id)).toEqual([photoId])
    const img = await t.app.inject({ method: 'GET', url: ticket.photos[0].url })
    expect(img.statusCode).toBe(200)
    expect((await sharp(img.rawPayload).metadata()).exif).toBeUndefined()
    expect(img.rawPayload.includes(Buffer.from('LinliTestCam'))).toBe(false)

    const plain = `/api/v1/uploads/${photoId}`
    const fetchAs = (who: Persona) => t.app.inject({ method: 'GET', url: plain, headers: bearer(tokens[who]) })
    expect((await fetchAs('elder')).statusCode).toBe(404)
    expect((await fetchAs('worker')).statusCode).toBe(404)
    await act('staff', ticket.id, 'assign', { assigneeId: workerId })
    expect((await fetchAs('worker')).statusCode).toBe(200)
    expect((await fetchAs('staff')).statusCode).toBe(200)

    // The same photo cannot be attached to a second ticket; nor can someone else's.
    expect((await create('resident', homeBody({ photoIds: [photoId] }))).statusCode).toBe(400)
    expect((await create('elder', homeBody({ photoIds: [photoId] }))).statusCode).toBe(400)
  })

  test('after-photos on resolve; a PHP file named .jpg is refused with 415', async () => {
    const php = Buffer.from('<?php system($_GET["c"]); ?>\n')
    const bad = await upload(t.app, tokens.worker, php, { filename: 'shell.jpg' })
    expect(bad.statusCode).toBe(415)
    expect(errorCode(bad)).toBe('UNSUPPORTED_IMAGE')

    const id = await createId('resident')
    await act('staff', id, 'assign', { assigneeId: workerId })
    await act('worker', id, 'start')
    const after = (await upload(t.app, tokens.worker, await photoWithGps())).json().id as string
    const resolved = await act('worker', id, 'resolve', { photoIds: [after], note: '修好了' })
    expect(resolved.statusCode).toBe(200)
    const view = (await get('resident', id)).json()
    expect(view.events.at(-1).photos.map((p: { id: string }) => p.id)).toEqual([after])
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${after}`, headers: bearer(tokens.resident) })).statusCode).toBe(200)
  })
})

describe('property: random actions by random people', () => {
  const actions = ['accept', 'assign', 'start', 'resolve', 'reject', 'cancel', 'reopen', 'close'] as const
  const people: Persona[] = ['resident', 'elder', 'staff', 'worker', 'admin', 'staff_b']

  test('never leave the machine, and every accepted action adds exactly one event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...people), fc.constantFrom(...actions)), { minLength: 1, maxLength: 10 }), async (steps) => {
        const id = await createId('resident')
        let events = await eventCount(id)
        for (const [who, action] of steps) {
          const res = await act(who, id, action, { assigneeId: workerId, note: '原因：请联系燃气公司' })
          expect([200, 403, 404, 409]).toContain(res.statusCode)
          const now = await eventCount(id)
          expect(now - events).toBe(res.statusCode === 200 ? 1 : 0)
          events = now
          const row = await t.app.deps.db.selectFrom('repair_tickets').select(['status', 'state_group']).where('id', '=', id).executeTakeFirstOrThrow()
          expect(REPAIR_STATUSES).toContain(row.status)
          if (res.statusCode === 200) expect(res.json().status).toBe(row.status)
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 25) },
    )
  })
})
