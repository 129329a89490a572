import type { LightMyRequestResponse } from 'fastify'
import { bearer, build, errorCode, login, type TestApp } from './helper'
import { createPoll, demoCompound, householdOf, inHours, openPoll, personIn, pollBody, type Body } from './fixtures'

jest.setTimeout(60_000)

let t: TestApp
let rep: string
let staff: string
let resident: string
let elder: string
let residentB: string
let building1: number
let building2: number
let communityId: number

const db = () => t.app.deps.db

beforeAll(async () => {
  t = await build()
  ;[rep, staff, resident, elder, residentB] = await Promise.all([login(t.app, 'rep'), login(t.app, 'staff'), login(t.app, 'resident'), login(t.app, 'elder'), login(t.app, 'resident_b')])
  const compound = await demoCompound(t.app)
  communityId = compound.communityId
  ;[building1, building2] = compound.buildingIds as [number, number]
})
afterAll(async () => t.close())

// ---------------------------------------------------------------- helpers

const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: Body): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })

/** The polls of this file are for 1号楼 unless a test says otherwise. */
const inBuilding1 = (extra: Body = {}) => pollBody({ buildingIds: [building1], ...extra })

const vote = (token: string, id: number, choices: number[], extra: Body = {}) => call('PUT', `/polls/${id}/ballot`, token, { choices, ...extra })

let buildingSeq = 0
/** A new building of the demo compound whose households have exactly these areas (hundredths) and owner keys. */
async function buildingWith(units: { area: number; owner?: string }[]) {
  buildingSeq++
  const b = await db().insertInto('buildings').values({ community_id: communityId, name: `测${buildingSeq}栋`, sort: 100 + buildingSeq }).returning('id').executeTakeFirstOrThrow()
  const rows = units.map((u, i) => ({
    community_id: communityId,
    building_id: b.id,
    unit: '1',
    room: String(101 + i),
    area_centi: u.area,
    owner_key: u.owner ?? `t${buildingSeq}-${i}`,
    owner_name: '测试',
    owner_phone: `1391111${String(i).padStart(4, '0')}`,
    updated_at: new Date().toISOString(),
  }))
  const inserted = await db().insertInto('households').values(rows).returning('id').execute()
  return { buildingId: b.id, households: inserted.map((r) => r.id).sort((a, b) => a - b) }
}

const history = (pollId: number, householdId: number) =>
  db().selectFrom('ballot_history').selectAll().where('poll_id', '=', pollId).where('household_id', '=', householdId).orderBy('id').execute()

// ---------------------------------------------------------------- creating

describe('creating polls', () => {
  test('a representative creates a draft approval poll for their own building, with 同意/反对/弃权', async () => {
    const res = await call('POST', '/polls', rep, inBuilding1({ description: '电梯已使用 20 年' }))
    expect(res.statusCode).toBe(201)
    const poll = res.json()
    expect(poll).toMatchObject({ status: 'draft', kind: 'approve', scope: 'building', buildings: ['1号楼'], buildingIds: [building1], canManage: true, maxChoices: 1 })
    expect(poll.options.map((o: { label: string }) => o.label)).toEqual(['同意', '反对', '弃权'])
  })

  test('a representative may not create for another building or for the whole community', async () => {
    for (const buildingIds of [[building2], [building1, building2], []]) {
      const res = await call('POST', '/polls', rep, inBuilding1({ buildingIds }))
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('FORBIDDEN')
    }
    const noScope = inBuilding1()
    delete noScope.buildingIds
    expect((await call('POST', '/polls', rep, noScope)).statusCode).toBe(403)
  })

  test('residents and workers cannot create polls; staff create for the community or any buildings', async () => {
    expect((await call('POST', '/polls', resident, inBuilding1())).statusCode).toBe(403)
    expect((await call('POST', '/polls', await login(t.app, 'worker'), inBuilding1())).statusCode).toBe(403)
    const community = await call('POST', '/polls', staff, pollBody())
    expect(community.statusCode).toBe(201)
    expect(community.json()).toMatchObject({ scope: 'community', buildings: [] })
    const two = await call('POST', '/polls', staff, pollBody({ buildingIds: [building1, building2] }))
    expect(two.json().buildings).toEqual(['1号楼', '2号楼'])
  })

  test.each([
    ['single choice with one option', { kind: 'single', options: ['只有一个'] }, 400],
    ['single choice with 21 options', { kind: 'single', options: Array.from({ length: 21 }, (_, i) => `选项${i}`) }, 400],
    ['duplicate options', { kind: 'single', options: ['A', 'A '] }, 400],
    ['blank option', { kind: 'single', options: ['A', '  '] }, 400],
    ['approval poll with its own options', { options: ['好', '不好'] }, 400],
    ['multi with more choices than options', { kind: 'multi', options: ['A', 'B'], maxChoices: 3 }, 400],
    ['single with maxChoices 2', { kind: 'single', options: ['A', 'B'], maxChoices: 2 }, 400],
    ['legal rule on a single-choice poll', { kind: 'single', options: ['A', 'B'], legalRule: 'ordinary' }, 400],
    ['legal rule where family members vote', { legalRule: 'major', voters: 'members' }, 400],
    ['closing time in the past', { closesAt: inHours(-1) }, 422],
    ['opening after closing', { opensAt: inHours(50) }, 422],
    ['unknown field', { pinned: true }, 400],
    ['unknown kind', { kind: 'ranked' }, 400],
    ['bad time', { closesAt: 'tomorrow' }, 400],
    ['building of nobody', { buildingIds: [999999] }, 400],
  ])('%s → %p', async (_name, extra, status) => {
    const res = await call('POST', '/polls', staff, inBuilding1(extra))
    expect(res.statusCode).toBe(status)
    errorCode(res)
  })

  test('a building of another compound is not accepted', async () => {
    const other = await db().selectFrom('buildings').select('id').where('community_id', '!=', communityId).executeTakeFirstOrThrow()
    expect((await call('POST', '/polls', staff, inBuilding1({ buildingIds: [other.id] }))).statusCode).toBe(400)
  })
})

// ---------------------------------------------------------------- lifecycle

describe('open, close, cancel', () => {
  test('a draft is invisible to residents until opened; opening notifies the owners in scope only', async () => {
    const poll = await createPoll(t.app, rep, inBuilding1())
    expect((await call('GET', `/polls/${poll.id}`, resident)).statusCode).toBe(404)
    const family = await personIn(t.app, await householdOf(t.app, resident), 'family')
    const opened = await call('POST', `/polls/${poll.id}/open`, rep)
    expect(opened.statusCode).toBe(200)
    expect((await call('GET', `/polls/${poll.id}`, resident)).json()).toMatchObject({ status: 'open', canVote: true, voted: false })
    const notes = await db().selectFrom('outbox').select(['user_id', 'kind', 'link']).where('link', '=', `/pages/polls/detail?id=${poll.id}`).execute()
    const residentUser = await db().selectFrom('users').select('id').where('demo_persona', '=', 'resident').executeTakeFirstOrThrow()
    const elderUser = await db().selectFrom('users').select('id').where('demo_persona', '=', 'elder').executeTakeFirstOrThrow()
    const ids = notes.map((n) => n.user_id)
    expect(ids).toContain(residentUser.id)
    expect(ids).not.toContain(family.userId) // only owners vote in this poll
    expect(ids).not.toContain(elderUser.id) // 2号楼
    expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(['poll.opened']))
    // opening twice is a conflict
    const again = await call('POST', `/polls/${poll.id}/open`, rep)
    expect(again.statusCode).toBe(409)
    expect(errorCode(again)).toBe('POLL_NOT_DRAFT')
  })

  test('only the creator or staff manage a poll', async () => {
    const poll = await createPoll(t.app, staff, inBuilding1())
    for (const token of [resident, rep]) {
      expect((await call('POST', `/polls/${poll.id}/open`, token)).statusCode).toBe(404) // a draft they cannot see
    }
    await call('POST', `/polls/${poll.id}/open`, staff)
    const res = await call('POST', `/polls/${poll.id}/close`, resident, {})
    expect(res.statusCode).toBe(403)
    expect((await call('POST', `/polls/${poll.id}/cancel`, rep, { reason: '不需要了' })).statusCode).toBe(403)
    expect((await call('POST', `/polls/${poll.id}/open`, residentB)).statusCode).toBe(404)
  })

  test('votes before the start time, after closing and on a cancelled poll get 409 with their own codes', async () => {
    const scheduled = await openPoll(t.app, rep, inBuilding1({ opensAt: inHours(1) }))
    let res = await vote(resident, scheduled.id, [scheduled.options[0]!.id])
    expect(res.statusCode).toBe(409)
    expect(errorCode(res)).toBe('POLL_NOT_OPEN')

    const closed = await openPoll(t.app, rep, inBuilding1())
    expect((await call('POST', `/polls/${closed.id}/close`, rep, { reason: '提前结束' })).json()).toMatchObject({ status: 'closed', closeReason: '提前结束' })
    res = await vote(resident, closed.id, [closed.options[0]!.id])
    expect(res.statusCode).toBe(409)
    expect(errorCode(res)).toBe('POLL_CLOSED')
    res = await call('POST', `/polls/${closed.id}/close`, rep, {})
    expect(res.statusCode).toBe(409)
    expect(errorCode(res)).toBe('POLL_CLOSED')
    expect(errorCode(await call('POST', `/polls/${closed.id}/cancel`, rep, { reason: 'x' }))).toBe('POLL_CLOSED')

    const cancelled = await openPoll(t.app, rep, inBuilding1())
    expect((await vote(resident, cancelled.id, [cancelled.options[0]!.id])).statusCode).toBe(200)
    expect((await call('POST', `/polls/${cancelled.id}/cancel`, rep, {})).statusCode).toBe(400) // a reason is required
    expect((await call('POST', `/polls/${cancelled.id}/cancel`, rep, { reason: '议题有误' })).json()).toMatchObject({ status: 'cancelled', cancelReason: '议题有误' })
    res = await vote(resident, cancelled.id, [cancelled.options[1]!.id])
    expect(res.statusCode).toBe(409)
    expect(errorCode(res)).toBe('POLL_CANCELLED')
    // the ballots stay for the record
    expect((await db().selectFrom('ballots').select('id').where('poll_id', '=', cancelled.id).execute()).length).toBe(1)

    const draft = await createPoll(t.app, rep, inBuilding1())
    expect(errorCode(await call('POST', `/polls/${draft.id}/close`, rep, {}))).toBe('POLL_NOT_OPEN')

    // closing needs no body at all
    const bare = await openPoll(t.app, rep, inBuilding1())
    const closedBare = await call('POST', `/polls/${bare.id}/close`, rep)
    expect(closedBare.statusCode).toBe(200)
    expect(closedBare.json()).toMatchObject({ status: 'closed', closeReason: null })
  })

  test('reaching the closing time closes the poll without anyone pressing a button', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    await db().updateTable('polls').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', poll.id).execute()
    const res = await vote(resident, poll.id, [poll.options[0]!.id])
    expect(errorCode(res)).toBe('POLL_CLOSED')
    expect((await call('GET', `/polls/${poll.id}`, resident)).json()).toMatchObject({ status: 'closed', canVote: false })
  })

  test('the list shows open and closed polls to the people in scope, page by page', async () => {
    const a = await openPoll(t.app, rep, inBuilding1())
    const b = await openPoll(t.app, rep, inBuilding1())
    await call('POST', `/polls/${b.id}/close`, rep, {})
    const draft = await createPoll(t.app, rep, inBuilding1())
    const open = (await call('GET', '/polls?status=open&limit=50', resident)).json()
    const ids = open.items.map((p: { id: number }) => p.id)
    expect(ids).toContain(a.id)
    expect(ids).not.toContain(b.id)
    expect(ids).not.toContain(draft.id)
    expect(open.items.filter((p: { status: string }) => p.status !== 'open')).toEqual([])
    const closed = (await call('GET', '/polls?status=closed&limit=50', resident)).json()
    expect(closed.items.map((p: { id: number }) => p.id)).toContain(b.id)
    // 2号楼 does not see 1号楼's polls; another compound sees none
    expect((await call('GET', '/polls?limit=50', elder)).json().items.map((p: { id: number }) => p.id)).not.toContain(a.id)
    expect((await call('GET', '/polls', residentB)).json().items).toEqual([])
    // the creator sees their drafts
    expect((await call('GET', '/polls?status=draft&limit=50', rep)).json().items.map((p: { id: number }) => p.id)).toContain(draft.id)
    // keyset pages: no overlap, nothing lost
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await call('GET', `/polls?limit=2${cursor ? `&cursor=${cursor}` : ''}`, resident)).json()
      seen.push(...page.items.map((p) => p.id))
      cursor = page.nextCursor
    } while (cursor)
    const all = (await call('GET', '/polls?limit=50', resident)).json().items.map((p: { id: number }) => p.id)
    expect(seen).toEqual(all)
    expect((await call('GET', '/polls?cursor=garbage', resident)).statusCode).toBe(400)
    expect((await call('GET', '/polls?status=weird', resident)).statusCode).toBe(400)
  })
})

// ---------------------------------------------------------------- voting

describe('casting and changing a ballot', () => {
  test('one ballot per household: a change keeps the receipt and the earlier choice stays in the history', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    const [agree, against] = poll.options.map((o) => o.id)
    const first = await vote(resident, poll.id, [agree!])
    expect(first.statusCode).toBe(200)
    const cast = first.json()
    expect(cast).toMatchObject({ pollId: poll.id, choices: [agree], channel: 'app', changed: false, changes: 0, building: '1号楼', unit: '1', room: '301' })
    expect(cast.receipt).toMatch(/^[2-9A-HJKMNP-Z]{12}$/)

    const second = (await vote(resident, poll.id, [against!])).json()
    expect(second).toMatchObject({ choices: [against], changed: true, changes: 1, receipt: cast.receipt })

    // another member of the same household changes it again: still one ballot
    const family = await personIn(t.app, await householdOf(t.app, resident), 'owner')
    expect((await vote(family.token, poll.id, [agree!])).json()).toMatchObject({ changes: 2, receipt: cast.receipt })

    const household = await householdOf(t.app, resident)
    const rows = await db().selectFrom('ballots').selectAll().where('poll_id', '=', poll.id).execute()
    expect(rows).toHaveLength(1)
    const log = await history(poll.id, household)
    expect(log.map((h) => [h.action, JSON.parse(h.choices)])).toEqual([
      ['cast', [agree]],
      ['change', [against]],
      ['change', [agree]],
    ])
    const detail = (await call('GET', `/polls/${poll.id}`, resident)).json()
    expect(detail.myBallot).toMatchObject({ choices: [agree], receipt: cast.receipt, changes: 2 })
    expect(detail.voted).toBe(true)
  })

  test('invalid choices are 400', async () => {
    const single = await openPoll(t.app, staff, pollBody({ kind: 'single', options: ['红', '黄', '蓝'] }))
    const multi = await openPoll(t.app, staff, pollBody({ kind: 'multi', options: ['A', 'B', 'C', 'D'], maxChoices: 2 }))
    const approve = await openPoll(t.app, staff, pollBody())
    const s = single.options.map((o) => o.id)
    const m = multi.options.map((o) => o.id)
    const cases: [number, unknown, string][] = [
      [single.id, [s[0], s[1]], 'INVALID_CHOICES'],
      [single.id, [m[0]], 'INVALID_CHOICES'],
      [single.id, [], 'VALIDATION_FAILED'],
      [single.id, [s[0], s[0]], 'VALIDATION_FAILED'],
      [single.id, ['1'], 'VALIDATION_FAILED'],
      [multi.id, [m[0], m[1], m[2]], 'INVALID_CHOICES'],
      [approve.id, [approve.options[0]!.id, approve.options[1]!.id], 'INVALID_CHOICES'],
    ]
    for (const [id, choices, code] of cases) {
      const res = await call('PUT', `/polls/${id}/ballot`, resident, { choices } as Body)
      expect(res.statusCode).toBe(400)
      expect(errorCode(res)).toBe(code)
    }
    expect((await call('PUT', `/polls/${multi.id}/ballot`, resident, { choices: [m[0], m[3]], extra: 1 })).statusCode).toBe(400)
    expect((await vote(resident, multi.id, [m[3]!, m[0]!])).json().choices).toEqual([m[0], m[3]])
    expect((await vote(resident, single.id, [s[2]!])).statusCode).toBe(200)
    expect(await db().selectFrom('ballots').select('id').where('poll_id', 'in', [single.id, approve.id]).execute()).toHaveLength(1)
  })

  test('eligibility: owners only when the poll says so; other buildings 403; other compounds 404', async () => {
    const owners = await openPoll(t.app, rep, inBuilding1())
    const members = await openPoll(t.app, rep, inBuilding1({ voters: 'members' }))
    const family = await personIn(t.app, await householdOf(t.app, resident), 'family')
    const tenant = await personIn(t.app, await householdOf(t.app, rep), 'tenant')
    for (const token of [family.token, tenant.token]) {
      const res = await vote(token, owners.id, [owners.options[0]!.id])
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('NOT_ELIGIBLE')
    }
    expect((await vote(family.token, members.id, [members.options[0]!.id])).statusCode).toBe(200)
    expect((await vote(tenant.token, members.id, [members.options[1]!.id])).statusCode).toBe(200)
    const other = await vote(elder, owners.id, [owners.options[0]!.id])
    expect(other.statusCode).toBe(403)
    expect(errorCode(other)).toBe('NOT_ELIGIBLE')
    expect((await vote(residentB, owners.id, [owners.options[0]!.id])).statusCode).toBe(404)
    expect((await vote(staff, owners.id, [owners.options[0]!.id])).statusCode).toBe(403) // staff live nowhere
    expect((await call('PUT', '/polls/99999/ballot', resident, { choices: [1] })).statusCode).toBe(404)
    expect((await call('PUT', '/polls/abc/ballot', resident, { choices: [1] })).statusCode).toBe(400)
    expect((await call('PUT', `/polls/${owners.id}/ballot`, undefined, { choices: [1] })).statusCode).toBe(401)
  })

  test('an owner of two flats in scope says which household they vote for', async () => {
    const { households } = await buildingWith([{ area: 9000, owner: 'two' }, { area: 9000, owner: 'two' }])
    const person = await personIn(t.app, households[0]!, 'owner')
    await db().insertInto('memberships').values({ user_id: person.userId, household_id: households[1]!, relation: 'owner', created_at: new Date().toISOString() }).execute()
    const poll = await openPoll(t.app, staff, pollBody())
    const agree = poll.options[0]!.id
    const res = await vote(person.token, poll.id, [agree])
    expect(res.statusCode).toBe(400)
    expect(errorCode(res)).toBe('HOUSEHOLD_REQUIRED')
    expect((await vote(person.token, poll.id, [agree], { householdId: households[0] })).json().householdId).toBe(households[0])
    expect((await vote(person.token, poll.id, [agree], { householdId: households[1] })).json().householdId).toBe(households[1])
    expect((await vote(person.token, poll.id, [agree], { householdId: await householdOf(t.app, resident) })).statusCode).toBe(403)
    const detail = (await call('GET', `/polls/${poll.id}`, person.token)).json()
    expect(detail.myHouseholds.map((h: { voted: boolean }) => h.voted)).toEqual([true, true])
  })

  test('a receipt confirms the ballot is counted without showing its content', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    const { receipt } = (await vote(resident, poll.id, [poll.options[2]!.id])).json()
    const ok = await call('GET', `/polls/${poll.id}/receipts/${receipt}`, resident)
    expect(ok.json()).toEqual({ counted: true })
    expect((await call('GET', `/polls/${poll.id}/receipts/${receipt.toLowerCase()}`, rep)).json()).toEqual({ counted: true })
    expect((await call('GET', `/polls/${poll.id}/receipts/ABCDEFGHJKMN`, resident)).json()).toEqual({ counted: false })
    const other = await openPoll(t.app, rep, inBuilding1())
    expect((await call('GET', `/polls/${other.id}/receipts/${receipt}`, resident)).json()).toEqual({ counted: false })
    expect((await call('GET', `/polls/${poll.id}/receipts/%27%3B--`, resident)).statusCode).toBe(400)
    expect((await call('GET', `/polls/${poll.id}/receipts/${receipt}`, residentB)).statusCode).toBe(404)
  })
})

// ---------------------------------------------------------------- secrecy and visibility

describe('secret and named polls, live and after-close results', () => {
  test('in a secret poll nobody sees how a household voted, only whether it did', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1({ secret: true }))
    const against = poll.options[1]!.id
    await vote(resident, poll.id, [against])
    const family = await personIn(t.app, await householdOf(t.app, resident), 'family')
    const seenByFamily = (await call('GET', `/polls/${poll.id}`, family.token)).json()
    expect(seenByFamily.voted).toBe(false) // family members cannot vote in an owners' poll, so it is not "their" ballot
    const coOwner = await personIn(t.app, await householdOf(t.app, resident), 'owner')
    const seenByCoOwner = (await call('GET', `/polls/${poll.id}`, coOwner.token)).json()
    expect(seenByCoOwner.voted).toBe(true)
    expect(seenByCoOwner.myBallot.choices).toBeUndefined()
    expect((await call('GET', `/polls/${poll.id}`, resident)).json().myBallot.choices).toEqual([against])
    await call('POST', `/polls/${poll.id}/close`, rep, {})
    for (const token of [rep, staff, resident]) {
      const res = await call('GET', `/polls/${poll.id}/results`, token)
      expect(res.statusCode).toBe(200)
      expect(res.json().ballots).toBeUndefined()
      expect(JSON.stringify(res.json())).not.toContain('"householdId"')
      const csv = await call('GET', `/polls/${poll.id}/results.csv`, token)
      expect(csv.body).not.toContain('301')
    }
    const turnout = (await call('GET', `/polls/${poll.id}/turnout`, rep)).json()
    expect(JSON.stringify(turnout)).not.toMatch(/choice|同意|反对/)
  })

  test('a named poll publishes the per-household list after closing, not before', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    await vote(resident, poll.id, [poll.options[0]!.id])
    const live = (await call('GET', `/polls/${poll.id}/results`, resident)).json()
    expect(live.final).toBe(false)
    expect(live.ballots).toBeUndefined()
    await call('POST', `/polls/${poll.id}/close`, rep, {})
    const after = (await call('GET', `/polls/${poll.id}/results`, resident)).json()
    expect(after.final).toBe(true)
    expect(after.ballots).toEqual([{ householdId: await householdOf(t.app, resident), building: '1号楼', unit: '1', room: '301', choices: [poll.options[0]!.id], channel: 'app' }])
  })

  test('results only after closing when the poll says so', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1({ resultsVisibility: 'after_close' }))
    await vote(resident, poll.id, [poll.options[0]!.id])
    for (const token of [resident, rep, staff]) {
      const res = await call('GET', `/polls/${poll.id}/results`, token)
      expect(res.statusCode).toBe(409)
      expect(errorCode(res)).toBe('POLL_RESULTS_HIDDEN')
      expect((await call('GET', `/polls/${poll.id}/results.csv`, token)).statusCode).toBe(409)
    }
    expect((await call('GET', `/polls/${poll.id}`, resident)).json().resultsAvailable).toBe(false)
    await call('POST', `/polls/${poll.id}/close`, rep, {})
    const res = await call('GET', `/polls/${poll.id}/results`, resident)
    expect(res.statusCode).toBe(200)
    expect(res.json().options[0]).toMatchObject({ households: 1, owners: 1 })
  })

  test('live results count households, owners and area against everyone eligible', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    await vote(resident, poll.id, [poll.options[0]!.id])
    await vote(rep, poll.id, [poll.options[1]!.id])
    const r = (await call('GET', `/polls/${poll.id}/results`, resident)).json()
    const scope = await db().selectFrom('households').select(['id', 'area_centi', 'owner_key']).where('building_id', '=', building1).execute()
    expect(scope).toHaveLength(40)
    expect(r.turnout).toMatchObject({ households: 2, eligibleHouseholds: 40, owners: 2, eligibleOwners: new Set(scope.map((h) => h.owner_key)).size })
    expect(Math.round(r.turnout.eligibleArea * 100)).toBe(scope.reduce((s, h) => s + h.area_centi, 0))
    expect(r.options.map((o: { households: number }) => o.households)).toEqual([1, 1, 0])
    expect(r.legal).toBeUndefined()
  })
})

// ---------------------------------------------------------------- paper ballots and turnout

describe('paper ballots', () => {
  test('the representative enters a paper ballot for a neighbour in their building', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    const target = (await db().selectFrom('households').select('id').where('building_id', '=', building1).where('room', '=', '101').where('unit', '=', '1').executeTakeFirstOrThrow()).id
    const res = await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: target, choices: [poll.options[0]!.id], note: '老人口述，邻居见证' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ channel: 'paper', householdId: target, room: '101' })
    const log = await history(poll.id, target)
    expect(log).toMatchObject([{ action: 'paper', channel: 'paper', note: '老人口述，邻居见证' }])
    // a correction of a paper ballot by paper needs no override
    expect((await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: target, choices: [poll.options[1]!.id] })).statusCode).toBe(201)
    const r = (await call('GET', `/polls/${poll.id}/results`, rep)).json()
    expect(r.options.map((o: { households: number }) => o.households)).toEqual([0, 1, 0])
  })

  test('never silently replaces an app ballot: override with a reason is required, and both are logged', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    const household = await householdOf(t.app, resident)
    const [agree, against] = poll.options.map((o) => o.id)
    await vote(resident, poll.id, [agree!])
    let res = await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: household, choices: [against] })
    expect(res.statusCode).toBe(409)
    expect(errorCode(res)).toBe('BALLOT_EXISTS_APP')
    res = await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: household, choices: [against], override: true })
    expect(res.statusCode).toBe(400)
    expect((await db().selectFrom('ballots').select(['choices', 'channel']).where('poll_id', '=', poll.id).executeTakeFirstOrThrow())).toEqual({ choices: JSON.stringify([agree]), channel: 'app' })
    res = await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: household, choices: [against], override: true, reason: '业主本人到场签字，要求以纸质票为准' })
    expect(res.statusCode).toBe(201)
    const log = await history(poll.id, household)
    expect(log.map((h) => [h.action, h.channel, h.reason])).toEqual([
      ['cast', 'app', null],
      ['override', 'paper', '业主本人到场签字，要求以纸质票为准'],
    ])
    const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'ballot.override').where('target', '=', `poll:${poll.id}`).execute()
    expect(audit).toHaveLength(1)
    expect((await call('GET', `/polls/${poll.id}`, resident)).json().myBallot).toMatchObject({ channel: 'paper', choices: [against] })
  })

  test('who may enter paper ballots, and for which households', async () => {
    const poll = await openPoll(t.app, staff, inBuilding1())
    const in1 = (await db().selectFrom('households').select('id').where('building_id', '=', building1).where('room', '=', '102').where('unit', '=', '2').executeTakeFirstOrThrow()).id
    const in2 = (await db().selectFrom('households').select('id').where('building_id', '=', building2).executeTakeFirstOrThrow()).id
    const choices = [poll.options[0]!.id]
    expect((await call('POST', `/polls/${poll.id}/paper-ballots`, resident, { householdId: in1, choices })).statusCode).toBe(403)
    expect((await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: in1, choices })).statusCode).toBe(201) // rep of the building
    const outside = await call('POST', `/polls/${poll.id}/paper-ballots`, staff, { householdId: in2, choices })
    expect(outside.statusCode).toBe(403)
    expect(errorCode(outside)).toBe('NOT_ELIGIBLE')
    expect((await call('POST', `/polls/${poll.id}/paper-ballots`, staff, { householdId: 9999999, choices })).statusCode).toBe(404)
    expect((await call('POST', `/polls/${poll.id}/paper-ballots`, staff, { householdId: in1, choices: [choices[0]! + 1000] })).statusCode).toBe(400)
    await call('POST', `/polls/${poll.id}/close`, staff, {})
    expect(errorCode(await call('POST', `/polls/${poll.id}/paper-ballots`, staff, { householdId: in1, choices }))).toBe('POLL_CLOSED')
  })
})

describe('turnout list for door-to-door follow-up', () => {
  test('households that have not voted, by building-unit-room, without names or phones', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    await vote(resident, poll.id, [poll.options[0]!.id])
    const res = await call('GET', `/polls/${poll.id}/turnout`, rep)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ eligibleHouseholds: 40, voted: 1 })
    expect(body.notVoted).toHaveLength(39)
    expect(body.notVoted.map((h: { householdId: number }) => h.householdId)).not.toContain(await householdOf(t.app, resident))
    for (const h of body.notVoted) expect(Object.keys(h).sort()).toEqual(['building', 'householdId', 'room', 'unit'])
    expect(res.body).not.toMatch(/1390000\d{4}/)
    // numeric order within a unit: 201 before 1001
    const unit1 = body.notVoted.filter((h: { unit: string }) => h.unit === '1').map((h: { room: string }) => Number(h.room))
    expect(unit1).toEqual([...unit1].sort((a, b) => a - b))
    expect((await call('GET', `/polls/${poll.id}/turnout`, resident)).statusCode).toBe(403)
    expect((await call('GET', `/polls/${poll.id}/turnout`, staff)).statusCode).toBe(200)
  })

  test('households that voted in the app are listed (whether, never how) so a paper correction can override them', async () => {
    const poll = await openPoll(t.app, rep, inBuilding1())
    const paperHome = (await db().selectFrom('households').select('id').where('building_id', '=', building1).where('room', '=', '101').where('unit', '=', '1').executeTakeFirstOrThrow()).id
    await vote(resident, poll.id, [poll.options[1]!.id])
    await call('POST', `/polls/${poll.id}/paper-ballots`, rep, { householdId: paperHome, choices: [poll.options[0]!.id] })
    const res = await call('GET', `/polls/${poll.id}/turnout`, rep)
    const body = res.json()
    expect(body.voted).toBe(2)
    expect(body.votedInApp.map((h: { householdId: number }) => h.householdId)).toEqual([await householdOf(t.app, resident)])
    for (const h of body.votedInApp) expect(Object.keys(h).sort()).toEqual(['building', 'householdId', 'room', 'unit'])
    expect(res.body).not.toMatch(/choice|同意|反对|弃权/)
  })

  test('a representative sees only their own building in a community-wide poll', async () => {
    const poll = await openPoll(t.app, staff, pollBody())
    const body = (await call('GET', `/polls/${poll.id}/turnout`, rep)).json()
    expect(new Set(body.notVoted.map((h: { building: string }) => h.building))).toEqual(new Set(['1号楼']))
    const all = (await call('GET', `/polls/${poll.id}/turnout`, staff)).json()
    const everyBuilding = await db().selectFrom('buildings').select('name').where('community_id', '=', communityId).execute()
    expect(new Set(all.notVoted.map((h: { building: string }) => h.building))).toEqual(new Set(everyBuilding.map((b) => b.name)))
  })
})

// ---------------------------------------------------------------- Art. 278 through the API

describe('Civil Code Art. 278 verdicts through the API', () => {
  async function legalPoll(units: { area: number; owner?: string }[], votes: ('agree' | 'against' | 'abstain' | null)[], legalRule: 'ordinary' | 'major') {
    const { buildingId, households } = await buildingWith(units)
    const poll = await openPoll(t.app, staff, pollBody({ buildingIds: [buildingId], legalRule }))
    const byName = { agree: poll.options[0]!.id, against: poll.options[1]!.id, abstain: poll.options[2]!.id }
    for (const [i, v] of votes.entries()) {
      if (!v) continue
      const res = await call('POST', `/polls/${poll.id}/paper-ballots`, staff, { householdId: households[i], choices: [byName[v]] })
      expect(res.statusCode).toBe(201)
    }
    await call('POST', `/polls/${poll.id}/close`, staff, { reason: '计票' })
    const res = await call('GET', `/polls/${poll.id}/results`, staff)
    expect(res.statusCode).toBe(200)
    return { id: poll.id, results: res.json() }
  }
  const cond = (r: { legal: { conditions: { name: string }[] } }, name: string) => r.legal.conditions.find((c) => c.name === name) as Record<string, unknown>

  test('turnout by area: exactly 2/3 counts, one hundredth of a m² below does not', async () => {
    const at = (await legalPoll([{ area: 10000 }, { area: 10000 }, { area: 10000 }], ['agree', 'agree', null], 'ordinary')).results
    expect(cond(at, 'area_turnout')).toMatchObject({ numerator: 200, denominator: 300, met: true, required: 66.7, fraction: '2/3', op: '>=' })
    expect(at.legal).toMatchObject({ quorumMet: true, passed: true, failed: [] })
    const below = (await legalPoll([{ area: 9999 }, { area: 10000 }, { area: 10000 }], ['agree', 'agree', null], 'ordinary')).results
    expect(cond(below, 'area_turnout')).toMatchObject({ numerator: 199.99, denominator: 299.99, met: false })
    expect(below.legal).toMatchObject({ quorumMet: false, passed: false, failed: ['area_turnout'] })
  })

  test('turnout by owners, with units of one owner counted as one person', async () => {
    // Units 2 and 3 belong to one owner: 2 people in all. Unit 1 alone is 1 of 2 people (< 2/3) though 1/3 of the area…
    const units = [{ area: 30000 }, { area: 5000, owner: 'same' }, { area: 5000, owner: 'same' }]
    const one = (await legalPoll(units, ['agree', null, null], 'ordinary')).results
    expect(one.turnout).toMatchObject({ households: 1, owners: 1, eligibleOwners: 2, eligibleHouseholds: 3 })
    expect(cond(one, 'owner_turnout')).toMatchObject({ numerator: 1, denominator: 2, met: false })
    expect(one.legal.failed).toEqual(['owner_turnout'])
    // …and with one unit of the two-flat owner also voting, both people took part.
    const two = (await legalPoll(units, ['agree', 'agree', null], 'ordinary')).results
    expect(two.turnout).toMatchObject({ households: 2, owners: 2, eligibleOwners: 2 })
    expect(two.legal.passed).toBe(true)
  })

  test('ordinary: half of the participating area is not enough, one hundredth more is', async () => {
    const half = (await legalPoll([{ area: 10000 }, { area: 5000 }, { area: 15000 }], ['agree', 'agree', 'against'], 'ordinary')).results
    expect(cond(half, 'area_agree')).toMatchObject({ numerator: 150, denominator: 300, met: false, op: '>' })
    expect(half.legal).toMatchObject({ quorumMet: true, passed: false, failed: ['area_agree'] })
    const over = (await legalPoll([{ area: 10001 }, { area: 5000 }, { area: 15000 }], ['agree', 'agree', 'against'], 'ordinary')).results
    expect(over.legal).toMatchObject({ passed: true, failed: [] })
  })

  test('major: three quarters of both is enough, one hundredth below is not', async () => {
    const units = [{ area: 10000 }, { area: 10000 }, { area: 10000 }, { area: 10000 }]
    const at = (await legalPoll(units, ['agree', 'agree', 'agree', 'against'], 'major')).results
    expect(cond(at, 'area_agree')).toMatchObject({ numerator: 300, denominator: 400, met: true, required: 75 })
    expect(cond(at, 'owner_agree')).toMatchObject({ numerator: 3, denominator: 4, met: true })
    expect(at.legal.passed).toBe(true)
    const below = (await legalPoll([{ area: 10000 }, { area: 10000 }, { area: 9999 }, { area: 10001 }], ['agree', 'agree', 'agree', 'against'], 'major')).results
    expect(cond(below, 'area_agree')).toMatchObject({ numerator: 299.99, denominator: 400, met: false })
    expect(below.legal).toMatchObject({ passed: false, failed: ['area_agree'] })
    // abstentions take part: 3 agree of 5 participants is below 3/4 of the owners
    const abst = (await legalPoll([...units, { area: 100 }], ['agree', 'agree', 'agree', 'abstain', 'abstain'], 'major')).results
    expect(cond(abst, 'owner_agree')).toMatchObject({ numerator: 3, denominator: 5, met: false })
  })

  test('the CSV record has the verdict and each household, but no phone numbers; formulas are defused', async () => {
    const { id, results } = await legalPoll([{ area: 10000 }, { area: 10000 }, { area: 10000 }], ['agree', 'agree', 'against'], 'ordinary')
    expect(results.legal.passed).toBe(true)
    expect((await call('GET', `/polls/${id}/results.csv`, resident)).statusCode).toBe(404) // not their building
    const res = await call('GET', `/polls/${id}/results.csv`, staff)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.body).toContain('结论,通过')
    expect(res.body).toContain('参与表决面积')
    expect(res.body).not.toMatch(/1391111\d{4}/)
    expect(res.body.split('\r\n').filter((l) => /^测\d+栋,1,10[123],/.test(l))).toHaveLength(3)

    const formula = await openPoll(t.app, staff, pollBody({ kind: 'single', options: ['=HYPERLINK("x")', '正常'] }))
    await call('POST', `/polls/${formula.id}/close`, staff, {})
    const csv = (await call('GET', `/polls/${formula.id}/results.csv`, staff)).body
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
  })
})
