import { hashInviteCode } from '../../server/crypto'
import { bearer, build, errorCode, login, type TestApp } from './helper'
import {
  bind,
  clockOnTheHour,
  getMe,
  inviteCode,
  issueInvites,
  listHouseholds,
  newResident,
  nextIp,
  nextPhone,
  passwordLogin,
  register,
  vacantHouseholds,
  type AdminHousehold,
} from './fixtures'

jest.setTimeout(20_000)

const clock = clockOnTheHour()
let t: TestApp
let adminToken: string
let households: AdminHousehold[]
let vacant: AdminHousehold[]
let otherCompound: AdminHousehold[]
beforeAll(async () => {
  t = await build({}, {}, { now: clock.now })
  adminToken = await login(t.app, 'admin')
  households = await listHouseholds(t.app, adminToken)
  vacant = await vacantHouseholds(t.app, adminToken)
  otherCompound = await listHouseholds(t.app, await login(t.app, 'staff_b'))
})
afterAll(async () => t.close())

let nextHousehold = 0
/** A seeded household of the first compound that no persona lives in and no other test has used. */
const freshHousehold = () => vacant[nextHousehold++]!.id

const inviteCount = async () => Number((await t.app.deps.db.selectFrom('invites').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const householdIdsOf = async (token: string) => (await getMe(t.app, token)).households.map((h: { id: number }) => h.id) as number[]

describe('issuing codes', () => {
  test('an admin gets one code per household with the household named and an expiry', async () => {
    const ids = [freshHousehold(), freshHousehold()]
    const res = await issueInvites(t.app, adminToken, [...ids, ids[0]!], 7)
    expect(res.statusCode).toBe(201)
    const items = res.json().items as { householdId: number; building: string; unit: string; room: string; code: string; expiresAt: string }[]
    expect(items.map((i) => i.householdId).sort()).toEqual([...ids].sort())
    for (const item of items) {
      const h = households.find((x) => x.id === item.householdId)!
      expect(item).toMatchObject({ building: h.building, unit: h.unit, room: h.room })
      expect(item.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
      const days = (Date.parse(item.expiresAt) - clock.now().getTime()) / 86400_000
      expect(days).toBeGreaterThan(6.99)
      expect(days).toBeLessThanOrEqual(7)
    }
    expect(items[0]!.code).not.toBe(items[1]!.code)
  })

  test('staff and residents may not issue codes', async () => {
    const before = await inviteCount()
    for (const persona of ['staff', 'resident', 'rep', 'staff_b'] as const) {
      const res = await issueInvites(t.app, await login(t.app, persona), [freshHousehold()])
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('FORBIDDEN')
    }
    expect((await issueInvites(t.app, 'x'.repeat(43), [freshHousehold()])).statusCode).toBe(401)
    expect(await inviteCount()).toBe(before)
  })

  test('the admin of one compound cannot issue codes for households of the other: 404 and nothing created', async () => {
    const before = await inviteCount()
    const foreign = await issueInvites(t.app, adminToken, [otherCompound[0]!.id, otherCompound[1]!.id])
    expect(foreign.statusCode).toBe(404)
    expect(errorCode(foreign)).toBe('NOT_FOUND')
    expect(foreign.json().items).toBeUndefined()
    expect(await inviteCount()).toBe(before)

    // Mixed with an own household: still 404, and the own household's earlier code was not retired.
    const own = freshHousehold()
    const earlier = await inviteCode(t.app, adminToken, own)
    const mixed = await issueInvites(t.app, adminToken, [own, otherCompound[2]!.id])
    expect(mixed.statusCode).toBe(404)
    expect(await inviteCount()).toBe(before + 1)
    const reg = await register(t.app, { inviteCode: earlier, phone: nextPhone(), password: 'long-enough-1' })
    expect(reg.statusCode).toBe(201)
    expect(await householdIdsOf(reg.json().token)).toEqual([own])

    // A household id that does not exist at all is the same answer.
    expect((await issueInvites(t.app, adminToken, [999999])).statusCode).toBe(404)
  })

  test('validation: empty list, bad validDays, unknown field', async () => {
    for (const payload of [{ householdIds: [] }, { householdIds: [1], validDays: 0 }, { householdIds: [1], validDays: 91 }, { householdIds: [1], extra: true }, { householdIds: ['x'] }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/invites', headers: bearer(adminToken), payload })
      expect(res.statusCode).toBe(400)
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
    }
  })
})

describe('using codes', () => {
  test('register with a code → /me shows that household; the code cannot be used a second time', async () => {
    const householdId = freshHousehold()
    const code = await inviteCode(t.app, adminToken, householdId)
    const first = await register(t.app, { inviteCode: code, phone: nextPhone(), password: 'long-enough-1', relation: 'tenant' })
    expect(first.statusCode).toBe(201)
    const mine = await getMe(t.app, first.json().token)
    expect(mine.households).toHaveLength(1)
    const h = households.find((x) => x.id === householdId)!
    expect(mine.households[0]).toEqual({ id: householdId, communityId: mine.community.id, buildingId: h.buildingId, building: h.building, unit: h.unit, room: h.room, relation: 'tenant' })

    const phone = nextPhone()
    const again = await register(t.app, { inviteCode: code, phone, password: 'long-enough-1' })
    expect(again.statusCode).toBe(422)
    expect(errorCode(again)).toBe('INVITE_INVALID')
    // The refused registration created no account.
    expect((await passwordLogin(t.app, phone, 'long-enough-1')).statusCode).toBe(401)

    const resident = await login(t.app, 'resident')
    const bound = await bind(t.app, resident, code)
    expect(bound.statusCode).toBe(422)
    expect(errorCode(bound)).toBe('INVITE_INVALID')
    expect(await householdIdsOf(resident)).not.toContain(householdId)
  })

  test('codes are accepted in lower case and with the relation defaulting to owner', async () => {
    const householdId = freshHousehold()
    const code = await inviteCode(t.app, adminToken, householdId)
    const res = await register(t.app, { inviteCode: code.toLowerCase(), phone: nextPhone(), password: 'long-enough-1' })
    expect(res.statusCode).toBe(201)
    const mine = await getMe(t.app, res.json().token)
    expect(mine.households.map((h: { id: number; relation: string }) => [h.id, h.relation])).toEqual([[householdId, 'owner']])
  })

  test('a code that does not exist is 422 INVITE_INVALID', async () => {
    const res = await register(t.app, { inviteCode: 'NOPE2345', phone: nextPhone(), password: 'long-enough-1' })
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('INVITE_INVALID')
  })

  test('an expired code is 422 INVITE_INVALID', async () => {
    const code = await inviteCode(t.app, adminToken, freshHousehold())
    await t.app.deps.db.updateTable('invites').set({ expires_at: new Date(clock.now().getTime() - 1000).toISOString() }).where('code_hash', '=', hashInviteCode(code)).execute()
    const res = await register(t.app, { inviteCode: code, phone: nextPhone(), password: 'long-enough-1' })
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('INVITE_INVALID')
  })

  test('re-issuing a code for a household retires its older unused code, and only that household’s', async () => {
    const target = freshHousehold()
    const bystander = freshHousehold()
    const bystanderCode = await inviteCode(t.app, adminToken, bystander)
    const older = await inviteCode(t.app, adminToken, target)
    const newer = await inviteCode(t.app, adminToken, target)
    expect(newer).not.toBe(older)

    const stale = await register(t.app, { inviteCode: older, phone: nextPhone(), password: 'long-enough-1' })
    expect(stale.statusCode).toBe(422)
    expect(errorCode(stale)).toBe('INVITE_INVALID')

    const fresh = await register(t.app, { inviteCode: newer, phone: nextPhone(), password: 'long-enough-1' })
    expect(fresh.statusCode).toBe(201)
    expect(await householdIdsOf(fresh.json().token)).toEqual([target])

    const other = await register(t.app, { inviteCode: bystanderCode, phone: nextPhone(), password: 'long-enough-1' })
    expect(other.statusCode).toBe(201)
    expect(await householdIdsOf(other.json().token)).toEqual([bystander])
  })

  test('an existing user binds a second household with a relation; binding the same household again is 409 ALREADY_BOUND', async () => {
    const resident = await login(t.app, 'resident')
    const before = await getMe(t.app, resident)
    const householdId = freshHousehold()
    const res = await bind(t.app, resident, await inviteCode(t.app, adminToken, householdId), 'family')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.households).toHaveLength(before.households.length + 1)
    expect(body.households.find((h: { id: number }) => h.id === householdId).relation).toBe('family')
    expect(await householdIdsOf(resident)).toEqual([...before.households.map((h: { id: number }) => h.id), householdId])

    const second = await inviteCode(t.app, adminToken, householdId)
    const dup = await bind(t.app, resident, second, 'owner')
    expect(dup.statusCode).toBe(409)
    expect(errorCode(dup)).toBe('ALREADY_BOUND')
    const after = await getMe(t.app, resident)
    expect(after.households.filter((h: { id: number }) => h.id === householdId)).toEqual([expect.objectContaining({ relation: 'family' })])

    // The refused bind did not spend the code: someone else can still use it.
    const reg = await register(t.app, { inviteCode: second, phone: nextPhone(), password: 'long-enough-1' })
    expect(reg.statusCode).toBe(201)
  })

  test('bind needs a session and a valid relation', async () => {
    const code = await inviteCode(t.app, adminToken, freshHousehold())
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/households/bind', payload: { inviteCode: code, relation: 'owner' } })
    expect(anon.statusCode).toBe(401)
    const resident = await login(t.app, 'resident')
    const bad = await bind(t.app, resident, code, 'landlord')
    expect(bad.statusCode).toBe(400)
    expect(errorCode(bad)).toBe('VALIDATION_FAILED')
    expect(bad.json().error.message).toBe('与房屋的关系的取值无效')
    // Neither attempt spent the code.
    expect((await bind(t.app, resident, code, 'owner')).statusCode).toBe(200)
  })
})

describe('races', () => {
  test('two registrations racing for one code: exactly one account is created', async () => {
    for (let round = 0; round < 3; round++) {
      const householdId = freshHousehold()
      const code = await inviteCode(t.app, adminToken, householdId)
      const phones = [nextPhone(), nextPhone()]
      const results = await Promise.all(phones.map((phone) => register(t.app, { inviteCode: code, phone, password: 'race-password-1' })))
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422])
      const loser = results.find((r) => r.statusCode === 422)!
      expect(errorCode(loser)).toBe('INVITE_INVALID')

      const logins = await Promise.all(phones.map((phone) => passwordLogin(t.app, phone, 'race-password-1')))
      expect(logins.map((r) => r.statusCode).sort()).toEqual([200, 401])
      const winner = logins.find((r) => r.statusCode === 200)!
      expect(await householdIdsOf(winner.json().token)).toEqual([householdId])
    }
  })

  test('two people binding with one code at the same time: exactly one gets the household', async () => {
    const people = [await login(t.app, 'elder'), await login(t.app, 'rep')]
    for (let round = 0; round < 3; round++) {
      const householdId = freshHousehold()
      const code = await inviteCode(t.app, adminToken, householdId)
      const results = await Promise.all(people.map((token) => bind(t.app, token, code, 'tenant')))
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422])
      const bound = await Promise.all(people.map(async (token) => (await householdIdsOf(token)).includes(householdId)))
      expect(bound.filter(Boolean)).toHaveLength(1)
    }
  })

  test('a register and a bind racing for one code: exactly one succeeds', async () => {
    const householdId = freshHousehold()
    const code = await inviteCode(t.app, adminToken, householdId)
    const worker = await login(t.app, 'worker')
    const [reg, bnd] = await Promise.all([register(t.app, { inviteCode: code, phone: nextPhone(), password: 'race-password-1' }), bind(t.app, worker, code, 'owner')])
    expect([reg.statusCode, bnd.statusCode].filter((s) => s === 201 || s === 200)).toHaveLength(1)
    expect([reg.statusCode, bnd.statusCode]).toContain(422)
    expect((await householdIdsOf(worker)).includes(householdId)).toBe(bnd.statusCode === 200)
  })
})

describe('brute force on bind', () => {
  test('after 10 wrong codes one user gets 429 RATE_LIMITED, even with a right code and from new addresses; others are unaffected', async () => {
    const guesser = await newResident(t.app, adminToken, freshHousehold())
    for (let i = 0; i < 10; i++) {
      const res = await bind(t.app, guesser.token, `WRONG${String(i).padStart(3, '2')}`, 'owner', nextIp())
      expect(res.statusCode).toBe(422)
      expect(errorCode(res)).toBe('INVITE_INVALID')
    }
    const householdId = freshHousehold()
    const code = await inviteCode(t.app, adminToken, householdId)
    const blocked = await bind(t.app, guesser.token, code, 'owner', nextIp())
    expect(blocked.statusCode).toBe(429)
    expect(errorCode(blocked)).toBe('RATE_LIMITED')
    expect(await householdIdsOf(guesser.token)).not.toContain(householdId)

    // Logging in again does not reset the counter: it is per person, not per session.
    const relogin = await passwordLogin(t.app, guesser.phone, guesser.password)
    expect(relogin.statusCode).toBe(200)
    expect((await bind(t.app, relogin.json().token, code, 'owner', nextIp())).statusCode).toBe(429)

    const other = await newResident(t.app, adminToken, freshHousehold())
    const wrong = await bind(t.app, other.token, 'WRONG999', 'owner', nextIp())
    expect(wrong.statusCode).toBe(422)
    const right = await bind(t.app, other.token, code, 'owner', nextIp())
    expect(right.statusCode).toBe(200)
    expect(await householdIdsOf(other.token)).toContain(householdId)
  })
})
