import { randomBytes } from 'node:crypto'
import { sha256 } from '../../server/crypto'
import { bearer, build, login, type TestApp } from './helper'

// 2,000 households each send 3 ballots at the same moment: exactly one ballot per household must remain, every
// request must be recorded in the history, and the tally must agree with the ballots.
jest.setTimeout(90_000)

const HOUSEHOLDS = 2000
const PER_HOUSEHOLD = 3

let t: TestApp
beforeAll(async () => {
  t = await build()
})
afterAll(async () => t.close())

test(`${HOUSEHOLDS} households × ${PER_HOUSEHOLD} simultaneous ballots → ${HOUSEHOLDS} ballots and a consistent tally`, async () => {
  const db = t.app.deps.db
  const now = new Date().toISOString()
  const community = await db.selectFrom('communities').select('id').where('slug', '=', 'lvyuan').executeTakeFirstOrThrow()
  const building = await db.insertInto('buildings').values({ community_id: community.id, name: '压力测试楼', sort: 99 }).returning('id').executeTakeFirstOrThrow()

  // Households, owners and their sessions, written straight into the fresh database in batches.
  const tokens: string[] = []
  for (let start = 0; start < HOUSEHOLDS; start += 400) {
    const n = Math.min(400, HOUSEHOLDS - start)
    const idx = Array.from({ length: n }, (_, i) => start + i)
    const hs = await db
      .insertInto('households')
      .values(idx.map((i) => ({ community_id: community.id, building_id: building.id, unit: String(1 + (i % 4)), room: String(1000 + i), area_centi: 5000 + ((i * 7919) % 9000), owner_key: `load-${i % 1900}`, owner_name: '压测', owner_phone: null, updated_at: now })))
      .returning('id')
      .execute()
    const us = await db
      .insertInto('users')
      .values(idx.map(() => ({ display_name: '压测业主', care_mode: 0, created_at: now })))
      .returning('id')
      .execute()
    await db
      .insertInto('memberships')
      .values(us.map((u, i) => ({ user_id: u.id, household_id: hs[i]!.id, relation: 'owner' as const, created_at: now })))
      .execute()
    const batch = us.map(() => randomBytes(24).toString('base64url'))
    await db
      .insertInto('sessions')
      .values(us.map((u, i) => ({ user_id: u.id, token_hash: sha256(batch[i]!), expires_at: new Date(Date.now() + 3600_000).toISOString(), created_at: now })))
      .execute()
    tokens.push(...batch)
  }

  const staff = await login(t.app, 'staff')
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/polls',
    headers: bearer(staff),
    payload: { title: '压力测试', kind: 'approve', buildingIds: [building.id], closesAt: new Date(Date.now() + 3600_000).toISOString(), secret: false, resultsVisibility: 'live', legalRule: 'ordinary', voters: 'owners' },
  })
  expect(created.statusCode).toBe(201)
  const poll = created.json() as { id: number; options: { id: number }[] }
  expect((await t.app.inject({ method: 'POST', url: `/api/v1/polls/${poll.id}/open`, headers: bearer(staff) })).statusCode).toBe(200)
  const optionIds = poll.options.map((o) => o.id)

  const started = Date.now()
  const requests = tokens.flatMap((token, i) =>
    Array.from({ length: PER_HOUSEHOLD }, (_, k) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/polls/${poll.id}/ballot`, headers: bearer(token), payload: { choices: [optionIds[(i + k) % 3]!] } }),
    ),
  )
  const responses = await Promise.all(requests)
  const elapsed = Date.now() - started
  const statuses = new Map<number, number>()
  for (const r of responses) statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1)
  expect(Object.fromEntries(statuses)).toEqual({ 200: HOUSEHOLDS * PER_HOUSEHOLD })
  console.log(`${t.app.deps.engine}: ${HOUSEHOLDS * PER_HOUSEHOLD} ballots in ${elapsed} ms (${Math.round((HOUSEHOLDS * PER_HOUSEHOLD * 1000) / elapsed)}/s through inject)`)

  const ballots = await db.selectFrom('ballots').select(['household_id', 'choices', 'version', 'receipt']).where('poll_id', '=', poll.id).execute()
  expect(ballots).toHaveLength(HOUSEHOLDS)
  expect(new Set(ballots.map((b) => b.household_id)).size).toBe(HOUSEHOLDS)
  expect(new Set(ballots.map((b) => b.receipt)).size).toBe(HOUSEHOLDS)
  expect(ballots.filter((b) => b.version !== PER_HOUSEHOLD)).toEqual([])

  // Every request is in the history, one cast and two changes per household, and the ballot is the last of them.
  const history = await db.selectFrom('ballot_history').select(['household_id', 'action', 'choices']).where('poll_id', '=', poll.id).orderBy('id').execute()
  expect(history).toHaveLength(HOUSEHOLDS * PER_HOUSEHOLD)
  const last = new Map<number, string>()
  const actions = new Map<number, string[]>()
  for (const h of history) {
    last.set(h.household_id, h.choices)
    actions.set(h.household_id, [...(actions.get(h.household_id) ?? []), h.action])
  }
  for (const b of ballots) {
    expect(last.get(b.household_id)).toBe(b.choices)
    expect(actions.get(b.household_id)).toEqual(['cast', 'change', 'change'])
  }

  // Each household's three requests went out in a known set; what won is one of them, and the tally matches the rows.
  const results = (await t.app.inject({ method: 'GET', url: `/api/v1/polls/${poll.id}/results`, headers: bearer(staff) })).json()
  expect(results.turnout).toMatchObject({ households: HOUSEHOLDS, eligibleHouseholds: HOUSEHOLDS, owners: 1900, eligibleOwners: 1900 })
  const perOption = optionIds.map((id) => ballots.filter((b) => JSON.parse(b.choices)[0] === id).length)
  expect(results.options.map((o: { households: number }) => o.households)).toEqual(perOption)
  expect(perOption.reduce((a, b) => a + b, 0)).toBe(HOUSEHOLDS)
  expect(results.legal.quorumMet).toBe(true)
})
