import { buildApp } from '../../server/app'
import { deliverDue } from '../../server/modules/messages/delivery'
import { enqueueNotifications } from '../../server/outbox'
import { bearer, build, ENGINE, errorCode, login, type TestApp } from './helper'
import { userIdOf } from './fixtures'

let t: TestApp
beforeAll(async () => {
  // The delivery timer is off: these tests deliver by hand, at the times they choose.
  t = await build({ backgroundJobs: false })
})
afterAll(async () => t.close())

const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })

async function notify(userId: number, title: string, kind: 'repair.status' | 'notice.published' = 'repair.status') {
  const me = await t.app.deps.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirstOrThrow()
  await enqueueNotifications(t.app.deps.db, [{ userId: me.id, communityId: 1, kind, title, body: '内容', link: '/pages/repairs/index' }], new Date())
}

test('outbox rows become messages once; a person sees only their own; reading is per message and idempotent', async () => {
  const resident = await login(t.app, 'resident')
  const elder = await login(t.app, 'elder')
  const residentId = await userIdOf(t.app, resident)
  await notify(residentId, '您的报修已受理')
  await notify(residentId, '师傅已出发')
  await deliverDue(t.app.deps)
  await deliverDue(t.app.deps)

  const mine = (await get(resident, '/api/v1/messages')).json().items as { id: number; title: string; readAt: string | null; link: string }[]
  const titles = mine.map((m) => m.title)
  expect(titles.filter((x) => x === '您的报修已受理')).toHaveLength(1)
  expect(titles.indexOf('师傅已出发')).toBeLessThan(titles.indexOf('您的报修已受理'))
  expect(mine[0]!.link).toBe('/pages/repairs/index')
  const theirs = (await get(elder, '/api/v1/messages')).json().items as { title: string }[]
  expect(theirs.map((m) => m.title)).not.toContain('您的报修已受理')

  const before = (await get(resident, '/api/v1/messages/unread-count')).json().count as number
  expect(before).toBeGreaterThanOrEqual(2)
  const id = mine[0]!.id
  // Someone else cannot mark it, nor learn that it exists.
  const foreign = await t.app.inject({ method: 'POST', url: `/api/v1/messages/${id}/read`, headers: bearer(elder) })
  expect(foreign.statusCode).toBe(404)
  expect(errorCode(foreign)).toBe('NOT_FOUND')
  // Twenty concurrent reads of one message count once.
  const reads = await Promise.all(Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: `/api/v1/messages/${id}/read`, headers: bearer(resident) })))
  expect(reads.map((r) => r.statusCode)).toEqual(reads.map(() => 200))
  expect((await get(resident, '/api/v1/messages/unread-count')).json().count).toBe(before - 1)
  await t.app.inject({ method: 'POST', url: '/api/v1/messages/read-all', headers: bearer(resident) })
  expect((await get(resident, '/api/v1/messages/unread-count')).json().count).toBe(0)
})

test('preferences: defaults, a change, and a turned-off kind is skipped at delivery', async () => {
  const worker = await login(t.app, 'worker')
  const workerId = await userIdOf(t.app, worker)
  const prefs = (await get(worker, '/api/v1/me/notification-preferences')).json().items as { kind: string; enabled: boolean }[]
  expect(prefs.find((p) => p.kind === 'notice.published')?.enabled).toBe(false)
  expect(prefs.find((p) => p.kind === 'repair.status')?.enabled).toBe(true)
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: bearer(worker), payload: { items: [{ kind: 'repair.status', enabled: false }] } })
  expect(put.statusCode).toBe(200)
  expect(put.json().items.find((p: { kind: string }) => p.kind === 'repair.status').enabled).toBe(false)
  const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: bearer(worker), payload: { items: [{ kind: 'spam', enabled: true }] } })
  expect(bad.statusCode).toBe(400)

  await notify(workerId, '不想收到的进度')
  await deliverDue(t.app.deps)
  const titles = ((await get(worker, '/api/v1/messages')).json().items as { title: string }[]).map((m) => m.title)
  expect(titles).not.toContain('不想收到的进度')
  const row = await t.app.deps.db.selectFrom('outbox').select('status').where('title', '=', '不想收到的进度').executeTakeFirstOrThrow()
  expect(row.status).toBe('skipped')
})

test('a notice published later is delivered at its time, not before', async () => {
  const resident = await login(t.app, 'resident')
  const residentId = await userIdOf(t.app, resident)
  await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: bearer(resident), payload: { items: [{ kind: 'notice.published', enabled: true }] } })
  const later = new Date(Date.now() + 3600_000).toISOString()
  await enqueueNotifications(t.app.deps.db, [{ userId: residentId, communityId: 1, kind: 'notice.published', title: '一小时后的公告', body: '', link: '/pages/notices/index', deliverAfter: later }], new Date())
  await deliverDue(t.app.deps)
  const titles = async () => ((await get(resident, '/api/v1/messages')).json().items as { title: string }[]).map((m) => m.title)
  expect(await titles()).not.toContain('一小时后的公告')
  await deliverDue(t.app.deps, new Date(Date.now() + 3601_000))
  expect(await titles()).toContain('一小时后的公告')
})

const pgOnly = ENGINE === 'postgres' ? test : test.skip
pgOnly('two server instances on one PostgreSQL database deliver each outbox row exactly once', async () => {
  // Both instances' timers are off here so that every delivery is one this test counts.
  const quiet = await buildApp({ ...t.config, backgroundJobs: false })
  const second = await buildApp({ ...t.config, backgroundJobs: false })
  try {
    const resident = await login(t.app, 'resident')
    const residentId = await userIdOf(t.app, resident)
    const rows = Array.from({ length: 600 }, (_, i) => ({ userId: residentId, communityId: 1, kind: 'repair.status' as const, title: `并发投递 ${i}`, body: '', link: '/pages/repairs/index' }))
    await enqueueNotifications(t.app.deps.db, rows, new Date())
    const drain = async (deps: typeof t.app.deps) => {
      let handled = 0
      for (;;) {
        const n = await deliverDue(deps)
        handled += n
        if (n === 0) return handled
      }
    }
    const [a, b] = await Promise.all([drain(quiet.deps), drain(second.deps)])
    // Each row claimed by exactly one instance: no row handled twice, none left over.
    expect(a + b).toBe(600)
    const messages = await t.app.deps.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '并发投递 %').executeTakeFirstOrThrow()
    expect(Number(messages.n)).toBe(600)
    const pending = await t.app.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '并发投递 %').where('status', '!=', 'delivered').executeTakeFirstOrThrow()
    expect(Number(pending.n)).toBe(0)
  } finally {
    await second.close()
    await quiet.close()
  }
}, 60_000)
