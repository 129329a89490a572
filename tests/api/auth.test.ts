import { TTL_MS as ACTOR_CACHE_TTL_MS } from '../../server/modules/identity/actor-cache'
import { randomBytes } from 'node:crypto'
import { sha256 } from '../../server/crypto'
import { bearer, build, errorCode, login, type TestApp } from './helper'
import { clockOnTheHour, getMe, inviteCode, newResident, nextIp, nextPhone, passwordLogin, register, vacantHouseholds } from './fixtures'

jest.setTimeout(20_000)

const clock = clockOnTheHour()
let t: TestApp
let adminToken: string
let householdIds: number[]
beforeAll(async () => {
  t = await build({}, {}, { now: clock.now })
  adminToken = await login(t.app, 'admin')
  householdIds = (await vacantHouseholds(t.app, adminToken)).map((h) => h.id)
})
afterAll(async () => t.close())

let nextHousehold = 0
/** A seeded household of the first compound that nobody lives in and no test in this file has used yet. */
const freshHousehold = () => householdIds[nextHousehold++]!

const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })

describe('sessions', () => {
  test('401 UNAUTHENTICATED without a token or with a header that is not a bearer token', async () => {
    for (const headers of [{}, { authorization: 'Bearer short' }, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })
      expect(res.statusCode).toBe(401)
      expect(errorCode(res)).toBe('UNAUTHENTICATED')
    }
  })

  test('a well-formed token that was never issued is 401 SESSION_EXPIRED', async () => {
    const res = await me(randomBytes(32).toString('base64url'))
    expect(res.statusCode).toBe(401)
    expect(errorCode(res)).toBe('SESSION_EXPIRED')
  })

  test('an expired session is 401 SESSION_EXPIRED, while another session of the same person still works', async () => {
    const expiring = await login(t.app, 'elder')
    const other = await login(t.app, 'elder')
    expect((await me(expiring)).statusCode).toBe(200)

    const res = await t.app.deps.db
      .updateTable('sessions')
      .set({ expires_at: new Date(clock.now().getTime() - 1000).toISOString() })
      .where('token_hash', '=', sha256(expiring))
      .executeTakeFirst()
    expect(Number(res.numUpdatedRows)).toBe(1)

    // A session changed behind the server's back (here: in the database) is seen once the per-instance cache lapses.
    expect((await me(expiring)).statusCode).toBe(200)
    clock.advance(ACTOR_CACHE_TTL_MS)
    const after = await me(expiring)
    expect(after.statusCode).toBe(401)
    expect(errorCode(after)).toBe('SESSION_EXPIRED')
    expect((await me(other)).statusCode).toBe(200)
  })

  test('a session lasts sessionDays', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/demo', payload: { persona: 'resident' } })
    expect(res.statusCode).toBe(200)
    const days = (Date.parse(res.json().expiresAt) - clock.now().getTime()) / 86400_000
    expect(days).toBeGreaterThan(t.config.sessionDays - 0.01)
    expect(days).toBeLessThanOrEqual(t.config.sessionDays)
  })

  test('logout invalidates exactly that token', async () => {
    const token = await login(t.app, 'resident')
    const other = await login(t.app, 'resident')
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) })
    expect(out.statusCode).toBe(200)
    expect(out.json()).toEqual({ ok: true })

    const after = await me(token)
    expect(after.statusCode).toBe(401)
    expect(errorCode(after)).toBe('SESSION_EXPIRED')
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) })
    expect(again.statusCode).toBe(401)
    expect((await me(other)).statusCode).toBe(200)
  })

  test('logout without a token is 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })
    expect(res.statusCode).toBe(401)
    expect(errorCode(res)).toBe('UNAUTHENTICATED')
  })
})

describe('password register and login', () => {
  test('register gives a working session for the invited household; login with the right password gives a new one', async () => {
    const householdId = freshHousehold()
    const code = await inviteCode(t.app, adminToken, householdId)
    const phone = nextPhone()
    const reg = await register(t.app, { inviteCode: code, phone, password: 'sunny-day-42' })
    expect(reg.statusCode).toBe(201)
    const regToken = reg.json().token as string
    const mine = await getMe(t.app, regToken)
    expect(mine.user.phone).toBe(phone)
    expect(mine.user.displayName).toBe(`${phone.slice(-4)}住户`)
    expect(mine.households.map((h: { id: number }) => h.id)).toEqual([householdId])
    expect(mine.households[0].relation).toBe('owner')
    expect(mine.community.slug).toBe('lvyuan')

    const res = await passwordLogin(t.app, phone, 'sunny-day-42')
    expect(res.statusCode).toBe(200)
    const token = res.json().token as string
    expect(token).not.toBe(regToken)
    expect((await getMe(t.app, token)).user.id).toBe(mine.user.id)
  })

  test('a wrong password, and a phone nobody registered, are both 401 INVALID_CREDENTIALS', async () => {
    const { phone } = await newResident(t.app, adminToken, freshHousehold(), 'right-password-1')
    const wrong = await passwordLogin(t.app, phone, 'wrong-password-1')
    expect(wrong.statusCode).toBe(401)
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS')
    expect(wrong.json().token).toBeUndefined()

    const unknown = await passwordLogin(t.app, nextPhone(), 'right-password-1')
    expect(unknown.statusCode).toBe(401)
    expect(errorCode(unknown)).toBe('INVALID_CREDENTIALS')
  })

  test('register with a phone that is taken is 409 PHONE_TAKEN and leaves the invite code unused', async () => {
    const { phone } = await newResident(t.app, adminToken, freshHousehold())
    const householdId = freshHousehold()
    const code = await inviteCode(t.app, adminToken, householdId)
    const taken = await register(t.app, { inviteCode: code, phone, password: 'another-pass-1' })
    expect(taken.statusCode).toBe(409)
    expect(errorCode(taken)).toBe('PHONE_TAKEN')
    // The first owner's password was not overwritten.
    expect((await passwordLogin(t.app, phone, 'another-pass-1')).statusCode).toBe(401)

    const ok = await register(t.app, { inviteCode: code, phone: nextPhone(), password: 'another-pass-1' })
    expect(ok.statusCode).toBe(201)
    expect((await getMe(t.app, ok.json().token)).households[0].id).toBe(householdId)
  })

  test('an invalid phone number is 400 VALIDATION_FAILED with a Chinese message, for login and register', async () => {
    for (const phone of ['12345678901', '1380013800', '138001380001', '+8613800138000', 'abcdefghijk']) {
      const res = await passwordLogin(t.app, phone, 'whatever-1')
      expect(res.statusCode).toBe(400)
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
      expect(res.json().error.message).toBe('手机号格式不正确')
    }
    const reg = await register(t.app, { inviteCode: 'ABCDEFGH', phone: '2380013800', password: 'long-enough-1' })
    expect(reg.statusCode).toBe(400)
    expect(errorCode(reg)).toBe('VALIDATION_FAILED')
    expect(reg.json().error.message).toMatch(/手机号/)
  })

  test('register checks the password length and required fields, in Chinese', async () => {
    const code = await inviteCode(t.app, adminToken, freshHousehold())
    const short = await register(t.app, { inviteCode: code, phone: nextPhone(), password: 'short' })
    expect(short.statusCode).toBe(400)
    expect(errorCode(short)).toBe('VALIDATION_FAILED')
    expect(short.json().error.message).toBe('密码至少 8 个字')

    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { phone: nextPhone(), password: 'long-enough-1' }, remoteAddress: nextIp() })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toBe('缺少必填项：邀请码')

    // None of the refused attempts used the code.
    expect((await register(t.app, { inviteCode: code, phone: nextPhone(), password: 'long-enough-1' })).statusCode).toBe(201)
  })
})

describe('brute force', () => {
  test('after 10 wrong passwords for one phone (from any address) the phone is locked: 429 RATE_LIMITED; another phone still logs in', async () => {
    const victim = await newResident(t.app, adminToken, freshHousehold(), 'victim-secret-1')
    const bystander = await newResident(t.app, adminToken, freshHousehold(), 'bystander-secret-1')

    for (let i = 0; i < 10; i++) {
      const res = await passwordLogin(t.app, victim.phone, `guess-${i}-xxxx`, nextIp())
      expect(res.statusCode).toBe(401)
      expect(errorCode(res)).toBe('INVALID_CREDENTIALS')
    }
    const locked = await passwordLogin(t.app, victim.phone, 'guess-10-xxxx', nextIp())
    expect(locked.statusCode).toBe(429)
    expect(errorCode(locked)).toBe('RATE_LIMITED')
    expect(locked.json().error.message).toMatch(/15 分钟/)
    // Locked means locked: even the right password waits for the window to pass.
    const right = await passwordLogin(t.app, victim.phone, victim.password, nextIp())
    expect(right.statusCode).toBe(429)

    const other = await passwordLogin(t.app, bystander.phone, bystander.password, nextIp())
    expect(other.statusCode).toBe(200)
    expect((await getMe(t.app, other.json().token)).user.phone).toBe(bystander.phone)

    // The next window opens the lock.
    clock.advance(15 * 60_000)
    expect((await passwordLogin(t.app, victim.phone, victim.password, nextIp())).statusCode).toBe(200)
  })

  test('one address trying many phones is stopped after 30 attempts', async () => {
    const ip = nextIp()
    for (let i = 0; i < 30; i++) {
      const res = await passwordLogin(t.app, nextPhone(), 'spray-password', ip)
      expect(res.statusCode).toBe(401)
    }
    const res = await passwordLogin(t.app, nextPhone(), 'spray-password', ip)
    expect(res.statusCode).toBe(429)
    expect(errorCode(res)).toBe('RATE_LIMITED')
    // Another address is not affected.
    expect((await passwordLogin(t.app, nextPhone(), 'spray-password', nextIp())).statusCode).toBe(401)
  })
})

describe('without demo mode', () => {
  let plain: TestApp
  beforeAll(async () => {
    plain = await build({ demo: false })
  })
  afterAll(async () => plain.close())

  test('demo login is 404 and /meta says demo is off', async () => {
    const res = await plain.app.inject({ method: 'POST', url: '/api/v1/auth/demo', payload: { persona: 'admin' } })
    expect(res.statusCode).toBe(404)
    expect(errorCode(res)).toBe('DEMO_DISABLED')
    const meta = await plain.app.inject({ method: 'GET', url: '/api/v1/meta' })
    expect(meta.statusCode).toBe(200)
    expect(meta.json()).toMatchObject({ demo: false, personas: [] })
  })

  test('nothing was seeded', async () => {
    const res = await plain.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { inviteCode: 'ABCDEFGH', phone: nextPhone(), password: 'long-enough-1' } })
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('INVITE_INVALID')
    const communities = await plain.app.deps.db.selectFrom('communities').select('id').execute()
    expect(communities).toHaveLength(0)
  })

  test('the demo app does offer demo login', async () => {
    const meta = await t.app.inject({ method: 'GET', url: '/api/v1/meta' })
    expect(meta.json().demo).toBe(true)
    expect(meta.json().personas).toContain('resident_b')
  })
})
