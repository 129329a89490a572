import { bearer, build, errorCode, login, type TestApp } from './helper'
import { clockOnTheHour, getMe, listHouseholds, newResident, userIdOf } from './fixtures'

const clock = clockOnTheHour()
const inMs = (ms: number) => new Date(clock.now().getTime() + ms).toISOString()
let t: TestApp
let staff: string
let rep: string
let resident: string
let elder: string
let residentB: string
let admin: string
let building1: number
let building2: number

beforeAll(async () => {
  t = await build({}, {}, { now: clock.now })
  ;[staff, rep, resident, elder, residentB, admin] = await Promise.all(['staff', 'rep', 'resident', 'elder', 'resident_b', 'admin'].map((p) => login(t.app, p as never)))
  building1 = (await getMe(t.app, resident)).households[0].buildingId
  building2 = (await getMe(t.app, elder)).households[0].buildingId
})
afterAll(async () => t.close())

type Body = Record<string, unknown>
const publish = (token: string, body: Body) => t.app.inject({ method: 'POST', url: '/api/v1/notices', headers: bearer(token), payload: { category: 'property', body: '正文', ...body } })
const list = (token: string, query = '') => t.app.inject({ method: 'GET', url: `/api/v1/notices${query}`, headers: bearer(token) })
const detail = (token: string, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/notices/${id}`, headers: bearer(token) })
const receipts = (token: string, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/notices/${id}/receipts`, headers: bearer(token) })
const ack = (token: string, id: number) => t.app.inject({ method: 'POST', url: `/api/v1/notices/${id}/ack`, headers: bearer(token) })
const unread = async (token: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/notices/unread-count', headers: bearer(token) })).json().count as number
const titles = async (token: string, query = '') => ((await list(token, query)).json().items as { title: string }[]).map((n) => n.title)

async function published(token: string, body: Body): Promise<number> {
  const res = await publish(token, body)
  expect(res.statusCode).toBe(201)
  return res.json().id as number
}

describe('scope', () => {
  test('a community notice reaches every household of the compound and no one outside it', async () => {
    const id = await published(staff, { title: '全小区停水通知' })
    expect(await titles(resident)).toContain('全小区停水通知')
    expect(await titles(elder)).toContain('全小区停水通知')
    expect(await titles(residentB)).not.toContain('全小区停水通知')
    expect((await detail(residentB, id)).statusCode).toBe(404)
  })

  test('a building notice reaches that building only', async () => {
    const id = await published(staff, { title: '1号楼电梯检修', buildingIds: [building1] })
    expect(await titles(resident)).toContain('1号楼电梯检修')
    expect(await titles(elder)).not.toContain('1号楼电梯检修')
    expect((await detail(elder, id)).statusCode).toBe(404)
    const seen = (await detail(resident, id)).json()
    expect(seen.buildings).toEqual(['1号楼'])
    // Signed by the role, never by a person's name.
    expect(seen.author).toBe('物业服务中心')
    expect(seen.scope).toBe('building')
  })

  test('a scheduled notice stays invisible to residents until its time, but staff see it marked', async () => {
    const publishAt = inMs(3600_000)
    const id = await published(staff, { title: '明天的活动', publishAt })
    expect(await titles(resident)).not.toContain('明天的活动')
    expect((await detail(resident, id)).statusCode).toBe(404)
    const staffView = ((await list(staff)).json().items as { title: string; scheduled: boolean }[]).find((n) => n.title === '明天的活动')
    expect(staffView?.scheduled).toBe(true)
  })

  test('an expired notice leaves the main list and stays in the archive, searchable', async () => {
    await published(staff, { title: '很快过期的通知', body: '归档检索词', expireAt: inMs(60_000) })
    expect(await titles(resident)).toContain('很快过期的通知')
    clock.advance(60_000)
    expect(await titles(resident)).not.toContain('很快过期的通知')
    expect(await titles(resident, '?archive=true')).toContain('很快过期的通知')
    expect(await titles(resident, `?archive=true&q=${encodeURIComponent('归档检索词')}`)).toEqual(['很快过期的通知'])
  })

  test('withdrawn notices disappear for everyone', async () => {
    const id = await published(staff, { title: '发错了' })
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/notices/${id}`, headers: bearer(resident) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/notices/${id}`, headers: bearer(staff) })).statusCode).toBe(200)
    expect(await titles(resident)).not.toContain('发错了')
    expect((await detail(staff, id)).statusCode).toBe(404)
  })
})

describe('who may publish', () => {
  test('a representative publishes to their own building only', async () => {
    const ok = await publish(rep, { title: '楼栋通知', buildingIds: [building1] })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().author).toBe('1号楼楼栋长')
    for (const body of [{ title: '越权', buildingIds: [building2] }, { title: '越权', buildingIds: [building1, building2] }, { title: '越权' }]) {
      const res = await publish(rep, body)
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('FORBIDDEN')
    }
  })

  test('residents cannot publish; admins can; a building of another compound is not found', async () => {
    expect((await publish(resident, { title: 'x' })).statusCode).toBe(403)
    expect((await publish(admin, { title: '管理员通知' })).statusCode).toBe(201)
    const other = (await getMe(t.app, residentB)).households[0].buildingId
    expect((await publish(staff, { title: 'x', buildingIds: [other] })).statusCode).toBe(404)
  })

  test('bad input is a 400 or 422 with a Chinese message, and creates nothing', async () => {
    const before = (await titles(staff)).length
    const cases: [Body, number][] = [
      [{ title: '' }, 400],
      [{ title: '长'.repeat(61) }, 400],
      [{ title: 'x', body: '字'.repeat(5001) }, 400],
      [{ title: 'x', category: 'gossip' }, 400],
      [{ title: 'x', colour: 'red' }, 400],
      [{ title: 'x', publishAt: 'tomorrow' }, 400],
      [{ title: 'x', imageIds: Array(7).fill('a'.repeat(32)) }, 400],
      [{ title: 'x', imageIds: ['b'.repeat(32)] }, 400],
      [{ title: 'x', expireAt: inMs(-1000) }, 422],
    ]
    for (const [body, status] of cases) {
      const res = await publish(staff, body)
      expect(res.statusCode).toBe(status)
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect((await titles(staff)).length).toBe(before)
  })
})

describe('reading and confirming', () => {
  test('reads are idempotent under 20 parallel opens, and the unread count follows', async () => {
    const id = await published(staff, { title: '并发阅读', buildingIds: [building2] })
    const before = await unread(elder)
    const results = await Promise.all(Array.from({ length: 20 }, () => detail(elder, id)))
    expect(results.map((r) => [r.statusCode, r.json().read])).toEqual(results.map(() => [200, true]))
    const elderId = await userIdOf(t.app, elder)
    const rows = await t.app.deps.db.selectFrom('notice_receipts').select('id').where('notice_id', '=', id).where('user_id', '=', elderId).execute()
    expect(rows).toHaveLength(1)
    expect(await unread(elder)).toBe(before - 1)
  })

  test('a household counts once however many of its members read, and confirmations follow edits', async () => {
    const home = (await getMe(t.app, resident)).households[0]
    const family = await newResident(t.app, admin, home.id)
    const id = await published(staff, { title: '需确认：消防演练', buildingIds: [building1], requiresAck: true })
    await detail(resident, id)
    await detail(family.token, id)
    let r = (await receipts(staff, id)).json()
    const b1Total = r.households.total
    expect(r.households).toMatchObject({ read: 1, acked: 0 })
    expect(r.unread).not.toContainEqual(expect.objectContaining({ householdId: home.id }))
    expect(r.unacked).toContainEqual(expect.objectContaining({ householdId: home.id }))

    expect((await ack(family.token, id)).statusCode).toBe(200)
    expect((await ack(resident, id)).statusCode).toBe(200)
    r = (await receipts(staff, id)).json()
    expect(r.households).toMatchObject({ total: b1Total, read: 1, acked: 1 })
    expect(r.unacked).toHaveLength(b1Total - 1)
    expect(r.byBuilding).toEqual([expect.objectContaining({ building: '1号楼', total: b1Total, read: 1, acked: 1 })])

    // A minute later the text changes: earlier confirmations are for the old version.
    clock.advance(60_000)
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/notices/${id}`, headers: bearer(staff), payload: { body: '时间改为周六上午' } })).statusCode).toBe(200)
    const reread = (await detail(resident, id)).json()
    expect(reread).toMatchObject({ acked: false, updatedSinceAck: true })
    expect((await receipts(staff, id)).json().households.acked).toBe(0)
    await ack(resident, id)
    expect((await receipts(staff, id)).json().households.acked).toBe(1)
    // Pinning is not a change of text.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/notices/${id}`, headers: bearer(staff), payload: { pinned: true } })
    expect((await receipts(staff, id)).json().households.acked).toBe(1)
  })

  test('confirming a notice that needs no confirmation is a 422', async () => {
    const id = await published(staff, { title: '普通通知' })
    const res = await ack(resident, id)
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('NOTICE_NO_ACK_NEEDED')
  })
})

describe('following up', () => {
  test('receipts: staff see all, the rep sees their building only, residents and other reps nothing', async () => {
    const id = await published(staff, { title: '全体确认', requiresAck: true })
    const all = (await receipts(staff, id)).json()
    expect(all.byBuilding.map((b: { building: string }) => b.building)).toEqual(['1号楼', '2号楼', '3号楼'])
    const mine = (await receipts(rep, id)).json()
    expect(mine.byBuilding.map((b: { building: string }) => b.building)).toEqual(['1号楼'])
    expect((await receipts(resident, id)).statusCode).toBe(403)
    const elsewhere = await published(staff, { title: '2号楼', buildingIds: [building2] })
    expect((await receipts(rep, elsewhere)).statusCode).toBe(403)
    expect((await receipts(residentB, id)).statusCode).toBe(404)
    // No names, no phone numbers: only building-unit-room.
    expect(Object.keys(all.unread[0]).sort()).toEqual(['building', 'householdId', 'room', 'unit'])
  })

  test('the CSV export lists every household without personal data', async () => {
    const id = await published(staff, { title: '导出', buildingIds: [building1] })
    await detail(resident, id)
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/notices/${id}/receipts.csv`, headers: bearer(staff) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n')
    expect(lines[0]).toBe('楼栋,单元,房号,已读,首次阅读时间')
    const households = (await listHouseholds(t.app, admin)).filter((h) => h.buildingId === building1)
    expect(lines).toHaveLength(households.length + 1)
    expect(lines.filter((l) => l.includes(',是,'))).toHaveLength(1)
    expect(res.body).not.toMatch(/1[3-9]\d{9}/)
  })

  test('a reminder notifies the members of unread households once an hour, and says who has no app', async () => {
    const id = await published(staff, { title: '请尽快阅读', buildingIds: [building2] })
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/notices/${id}/remind`, headers: bearer(staff) })
    expect(res.statusCode).toBe(200)
    const { households, people, householdsWithoutApp } = res.json()
    expect(households).toBe(40)
    expect(people).toBeGreaterThanOrEqual(1)
    expect(householdsWithoutApp).toBe(households - people)
    const outbox = await t.app.deps.db.selectFrom('outbox').select(['user_id', 'link']).where('kind', '=', 'notice.reminder').where('link', '=', `/pages/notices/detail?id=${id}`).execute()
    expect(outbox).toHaveLength(people)
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/notices/${id}/remind`, headers: bearer(staff) })
    expect(again.statusCode).toBe(429)
    expect(errorCode(again)).toBe('REMIND_TOO_SOON')
  })
})

describe('the list', () => {
  test('pinned first, then newest; keyset pages have no duplicates; category and keyword filters work', async () => {
    const t2 = await build()
    try {
      const s = await login(t2.app, 'staff')
      const r = await login(t2.app, 'resident')
      for (let i = 0; i < 23; i++) {
        const res = await t2.app.inject({ method: 'POST', url: '/api/v1/notices', headers: bearer(s), payload: { title: `第${i}条`, body: i === 7 ? '含有关键词梧桐' : '正文', category: i % 2 ? 'event' : 'fees', pinned: i === 3 } })
        expect(res.statusCode).toBe(201)
      }
      const all: { title: string; pinned: boolean; publishAt: string }[] = []
      let cursor: string | null = null
      do {
        const page: { items: typeof all; nextCursor: string | null } = (await t2.app.inject({ method: 'GET', url: `/api/v1/notices?limit=10${cursor ? `&cursor=${cursor}` : ''}`, headers: bearer(r) })).json()
        all.push(...page.items)
        cursor = page.nextCursor
      } while (cursor)
      // Every pinned notice (the demo compound has one too) before every other; newest first within each group.
      const firstUnpinned = all.findIndex((n) => !n.pinned)
      expect(all.slice(firstUnpinned).filter((n) => n.pinned)).toEqual([])
      for (const group of [all.slice(0, firstUnpinned), all.slice(firstUnpinned)]) {
        expect(group.map((n) => n.publishAt)).toEqual([...group.map((n) => n.publishAt)].sort().reverse())
      }
      const seen = all.map((n) => n.title)
      expect(seen[0]).toBe('第3条')
      expect(seen.filter((x) => x.startsWith('第')).slice(1, 4)).toEqual(['第22条', '第21条', '第20条'])
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen.filter((x) => x.startsWith('第'))).toHaveLength(23)
      const events = (await t2.app.inject({ method: 'GET', url: '/api/v1/notices?category=event&limit=50', headers: bearer(r) })).json().items
      expect(events.filter((n: { category: string }) => n.category !== 'event')).toEqual([])
      expect(events.filter((n: { title: string }) => n.title.startsWith('第'))).toHaveLength(11)
      const found = (await t2.app.inject({ method: 'GET', url: `/api/v1/notices?q=${encodeURIComponent('梧桐')}`, headers: bearer(r) })).json().items
      expect(found.map((n: { title: string }) => n.title)).toEqual(['第7条'])
      // LIKE wildcards in a keyword are literal.
      expect((await t2.app.inject({ method: 'GET', url: '/api/v1/notices?q=%25', headers: bearer(r) })).json().items).toEqual([])
    } finally {
      await t2.close()
    }
  })

  test('a forged cursor is a 400, not a 500', async () => {
    for (const cursor of ['abc', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["a","b","c"]').toString('base64url')]) {
      const res = await list(resident, `?cursor=${cursor}`)
      expect(res.statusCode).toBe(400)
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
    }
  })

  test('no token is 401', async () => {
    const res = await list('x'.repeat(30))
    expect(res.statusCode).toBe(401)
    expect(errorCode(res)).toBe('SESSION_EXPIRED')
  })
})
