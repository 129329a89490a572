import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../server/app'
import { deliverDue } from '../../server/modules/messages/delivery'
import { runPollNotifications } from '../../server/modules/polls/jobs'
import type { NotificationKind } from '../../types/messages'
import { bearer, build, ENGINE, login, type TestApp } from './helper'
import { demoCompound, householdOf, inHours, openPoll, personIn, pollBody, userIdOf, type Body } from './fixtures'

jest.setTimeout(60_000)

/** The poll notifications sent by the background job (closing reminder, results) and by an early close. */
let t: TestApp
let rep: string
let staff: string
let resident: string
let elder: string
let building1: number

const db = () => t.app.deps.db

beforeAll(async () => {
  // No timers: the job runs when a test says so.
  t = await build({ backgroundJobs: false })
  ;[rep, staff, resident, elder] = await Promise.all([login(t.app, 'rep'), login(t.app, 'staff'), login(t.app, 'resident'), login(t.app, 'elder')])
  building1 = (await demoCompound(t.app)).buildingIds[0]!
})
afterAll(async () => t.close())

const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: Body): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) })

/** The polls of this file are for 1号楼 and publish their results when they close, unless a test says otherwise. */
const resultsAtClose = (extra: Body = {}) => pollBody({ buildingIds: [building1], resultsVisibility: 'after_close', ...extra })

/** Users who got an outbox row of this kind about this poll (one row each, asserted). */
async function notified(pollId: number, kind: NotificationKind) {
  const rows = await db().selectFrom('outbox').select('user_id').where('kind', '=', kind).where('link', '=', `/pages/polls/detail?id=${pollId}`).execute()
  const users = rows.map((r) => r.user_id).sort((a, b) => a - b)
  expect(new Set(users).size).toBe(users.length)
  return users
}

/** Members of households in building 1 who may vote (owners here), leaving out the given households. */
async function ownersInBuilding1(exceptHouseholds: number[] = []) {
  const rows = await db()
    .selectFrom('memberships')
    .innerJoin('households', 'households.id', 'memberships.household_id')
    .select(['memberships.user_id', 'memberships.household_id'])
    .where('households.building_id', '=', building1)
    .where('memberships.relation', '=', 'owner')
    .execute()
  return [...new Set(rows.filter((r) => !exceptHouseholds.includes(r.household_id)).map((r) => r.user_id))].sort((a, b) => a - b)
}

describe('closing within 24 hours', () => {
  test('one reminder per member who may vote in a household that has not voted; none for households that voted; once', async () => {
    const residentHome = await householdOf(t.app, resident)
    const repHome = await householdOf(t.app, rep)
    const family = (await personIn(t.app, repHome, 'family')).userId
    const coOwner = (await personIn(t.app, repHome, 'owner')).userId
    const poll = await openPoll(t.app, rep, resultsAtClose({ closesAt: inHours(30) }))
    const soon = await openPoll(t.app, rep, resultsAtClose({ closesAt: inHours(10) }))
    expect((await call('PUT', `/polls/${soon.id}/ballot`, resident, { choices: [soon.options[0]!.id] })).statusCode).toBe(200)

    const first = await runPollNotifications(t.app.deps)
    expect(first.reminded).toBeGreaterThanOrEqual(1)
    const reminded = await notified(soon.id, 'poll.closing')
    expect(reminded).toEqual(await ownersInBuilding1([residentHome]))
    expect(reminded).toContain(await userIdOf(t.app, rep))
    expect(reminded).toContain(coOwner)
    // Only owners vote in this poll, so the family member is not told; the resident's household has voted.
    expect(reminded).not.toContain(family)
    expect(reminded).not.toContain(await userIdOf(t.app, resident))
    // The poll closing in 30 hours is not due yet.
    expect(await notified(poll.id, 'poll.closing')).toEqual([])

    // Again, and from a second instance on the same database: nothing new.
    const second = await buildApp({ ...t.config, backgroundJobs: false })
    try {
      if (ENGINE === 'postgres') await Promise.all([runPollNotifications(t.app.deps), runPollNotifications(second.deps)])
      else for (const deps of [t.app.deps, second.deps]) await runPollNotifications(deps)
    } finally {
      await second.close()
    }
    expect(await notified(soon.id, 'poll.closing')).toEqual(reminded)

    // Seven hours later the 30-hour poll is within 24 hours, and gets its own reminder, once.
    await runPollNotifications(t.app.deps, new Date(Date.now() + 7 * 3600_000))
    await runPollNotifications(t.app.deps, new Date(Date.now() + 8 * 3600_000))
    expect(await notified(poll.id, 'poll.closing')).toEqual(await ownersInBuilding1())

    // The reminder reaches the message centre and opens the poll.
    await deliverDue(t.app.deps)
    const items = (await call('GET', '/messages', rep)).json().items as { kind: string; title: string; body: string; link: string }[]
    const mine = items.filter((m) => m.kind === 'poll.closing' && m.link === `/pages/polls/detail?id=${soon.id}`)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.title).toContain('投票即将截止')
    expect(mine[0]!.body).toMatch(/本户还没有投票，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 截止。/)
  })

  test('a poll where everyone may vote reminds family members too; a scheduled or cancelled poll is not reminded', async () => {
    const elderHome = await householdOf(t.app, elder)
    const family = (await personIn(t.app, elderHome, 'family')).userId
    const members = await openPoll(t.app, staff, resultsAtClose({ closesAt: inHours(5), voters: 'members', buildingIds: [] }))
    const scheduled = await openPoll(t.app, staff, resultsAtClose({ opensAt: inHours(1), closesAt: inHours(5) }))
    const cancelled = await openPoll(t.app, staff, resultsAtClose({ closesAt: inHours(5) }))
    expect((await call('POST', `/polls/${cancelled.id}/cancel`, staff, { reason: '重新发起' })).statusCode).toBe(200)
    await runPollNotifications(t.app.deps)
    expect(await notified(members.id, 'poll.closing')).toContain(family)
    expect(await notified(scheduled.id, 'poll.closing')).toEqual([])
    expect(await notified(cancelled.id, 'poll.closing')).toEqual([])
    // Once it has opened (and still closes within 24 hours) it is.
    await runPollNotifications(t.app.deps, new Date(Date.now() + 2 * 3600_000))
    expect((await notified(scheduled.id, 'poll.closing')).length).toBeGreaterThan(0)
  })
})

describe('results published', () => {
  test('closing early announces the results to every member who may vote, in the same step; the job adds nothing', async () => {
    const poll = await openPoll(t.app, rep, resultsAtClose())
    expect((await call('PUT', `/polls/${poll.id}/ballot`, resident, { choices: [poll.options[0]!.id] })).statusCode).toBe(200)
    expect((await call('POST', `/polls/${poll.id}/close`, rep, { reason: '提前结束' })).statusCode).toBe(200)
    const told = await notified(poll.id, 'poll.results')
    expect(told).toEqual(await ownersInBuilding1())
    await runPollNotifications(t.app.deps)
    expect(await notified(poll.id, 'poll.results')).toEqual(told)

    await deliverDue(t.app.deps)
    const items = (await call('GET', '/messages', resident)).json().items as { kind: string; title: string; link: string }[]
    expect(items.filter((m) => m.kind === 'poll.results' && m.link === `/pages/polls/detail?id=${poll.id}`)).toHaveLength(1)
  })

  test('reaching the closing time is detected by the job, which announces once (also with two instances)', async () => {
    const poll = await openPoll(t.app, rep, resultsAtClose())
    // The stored status stays 'open'; closing by time is derived from closes_at.
    await db().updateTable('polls').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', poll.id).execute()
    expect((await call('GET', `/polls/${poll.id}`, resident)).json()).toMatchObject({ status: 'closed', resultsAvailable: true })
    expect(await notified(poll.id, 'poll.results')).toEqual([])
    const second = await buildApp({ ...t.config, backgroundJobs: false })
    try {
      // SQLite serves one instance (a second one here only runs after the first); PostgreSQL runs them side by side.
      const both = [() => runPollNotifications(t.app.deps), () => runPollNotifications(second.deps)]
      const counts = ENGINE === 'postgres' ? await Promise.all(both.map((run) => run())) : [await both[0]!(), await both[1]!()]
      expect(counts[0]!.published + counts[1]!.published).toBeGreaterThanOrEqual(1)
    } finally {
      await second.close()
    }
    expect(await notified(poll.id, 'poll.results')).toEqual(await ownersInBuilding1())
    // It had closed before its reminder was due to anyone, so no late reminder follows either.
    await runPollNotifications(t.app.deps)
    expect(await notified(poll.id, 'poll.results')).toEqual(await ownersInBuilding1())
    expect(await notified(poll.id, 'poll.closing')).toEqual([])
  })

  test('a cancelled poll announces no results', async () => {
    const poll = await openPoll(t.app, rep, resultsAtClose())
    expect((await call('POST', `/polls/${poll.id}/cancel`, rep, { reason: '不再需要' })).statusCode).toBe(200)
    await runPollNotifications(t.app.deps, new Date(Date.now() + 72 * 3600_000))
    expect(await notified(poll.id, 'poll.results')).toEqual([])
  })

  test('a turned-off kind reaches nobody', async () => {
    const residentId = await userIdOf(t.app, resident)
    expect((await call('PUT', '/me/notification-preferences', resident, { items: [{ kind: 'poll.results', enabled: false }] })).statusCode).toBe(200)
    const poll = await openPoll(t.app, rep, resultsAtClose())
    expect((await call('POST', `/polls/${poll.id}/close`, rep, {})).statusCode).toBe(200)
    await deliverDue(t.app.deps)
    const items = (await call('GET', '/messages', resident)).json().items as { kind: string; link: string }[]
    expect(items.filter((m) => m.link === `/pages/polls/detail?id=${poll.id}` && m.kind === 'poll.results')).toEqual([])
    const row = await db().selectFrom('outbox').select('status').where('user_id', '=', residentId).where('kind', '=', 'poll.results').where('link', '=', `/pages/polls/detail?id=${poll.id}`).executeTakeFirstOrThrow()
    expect(row.status).toBe('skipped')
  })
})
