import type { LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import type { Persona } from '../../types/identity'
import { bind, clockOnTheHour, nextIp, upload } from './fixtures'
import { bearer, build, errorCode, login, type TestApp } from './helper'

/**
 * The limits kept in the database (shared by every instance), per person and per address: bind, urge and upload.
 * Password login per phone and per address is covered in auth.test.ts, bind per person in invites.test.ts.
 * Every refusal is 429 RATE_LIMITED with a Chinese message; a different person or address is unaffected.
 */
jest.setTimeout(120_000)

let t: TestApp
beforeAll(async () => {
  t = await build({ backgroundJobs: false }, {}, { now: clockOnTheHour().now })
})
afterAll(async () => t.close())

function expectLimited(res: LightMyRequestResponse, message: RegExp) {
  expect(res.statusCode).toBe(429)
  expect(errorCode(res)).toBe('RATE_LIMITED')
  expect(res.json().error.message).toMatch(message)
}
const notLimited = (res: LightMyRequestResponse) => res.statusCode !== 429 || errorCode(res) !== 'RATE_LIMITED'

/** Sessions of the given people, `each` per person, in turn (the per-route limiter counts per session). */
async function sessions(people: Persona[], each = 1): Promise<{ who: Persona; token: string }[]> {
  const out: { who: Persona; token: string }[] = []
  for (const who of people) for (let i = 0; i < each; i++) out.push({ who, token: await login(t.app, who) })
  return out
}

async function homeTicket(token: string): Promise<number> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/repairs', headers: bearer(token), payload: { category: 'other', location: { kind: 'home' }, description: '门锁坏了', urgency: 'normal' } })
  expect(res.statusCode).toBe(201)
  return res.json().id as number
}

const urge = (token: string, id: number, ip: string) => t.app.inject({ method: 'POST', url: `/api/v1/repairs/${id}/urge`, headers: bearer(token), remoteAddress: ip })

const notAnImage = Buffer.from('this is not a photo')

describe('urge', () => {
  test('one person: 10 urges an hour across all tickets and addresses, then 429 RATE_LIMITED; another person still urges', async () => {
    const [resident, elder] = await sessions(['resident', 'elder'])
    const first = await homeTicket(resident!.token)
    expect((await urge(resident!.token, first, nextIp())).statusCode).toBe(200)
    // The same ticket again is the per-ticket rule (30 minutes), and still counts as an attempt.
    for (let i = 1; i < 10; i++) {
      const again = await urge(resident!.token, first, nextIp())
      expect(again.statusCode).toBe(429)
      expect(errorCode(again)).toBe('REPAIR_URGE_TOO_SOON')
    }
    const second = await homeTicket(resident!.token)
    expectLimited(await urge(resident!.token, second, nextIp()), /催单太频繁/)
    const events = await t.app.deps.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', second).where('type', '=', 'urge').execute()
    expect(events).toHaveLength(0)

    expect((await urge(elder!.token, await homeTicket(elder!.token), nextIp())).statusCode).toBe(200)
  })

  test('one address: 30 urges an hour from anyone, then 429 RATE_LIMITED; the same people elsewhere are not blocked', async () => {
    const people = await sessions(['rep', 'staff', 'worker', 'admin'])
    const ip = nextIp()
    const ticket = await homeTicket(people[0]!.token)
    const results: LightMyRequestResponse[] = []
    // 8 each: under the per-person limit, over the per-address one.
    for (let i = 0; i < 32; i++) results.push(await urge(people[i % 4]!.token, ticket, ip))
    expect(results.slice(0, 30).filter((res) => !notLimited(res)).map((res) => res.body)).toEqual([])
    for (const res of results.slice(30)) expectLimited(res, /催单太频繁/)
    expect(notLimited(await urge(people[1]!.token, ticket, nextIp()))).toBe(true)
  })
})

describe('upload', () => {
  test('one person: 60 uploads in ten minutes over all their sessions and addresses, then 429 RATE_LIMITED, before the file is read', async () => {
    // Three sessions of one person, so the per-session limiter (30 a minute) is never what stops them.
    const tokens = await sessions(['resident'], 3)
    for (let i = 0; i < 60; i++) {
      const res = await upload(t.app, tokens[i % 3]!.token, notAnImage, { ip: nextIp() })
      expect(res.statusCode).toBe(415)
    }
    const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#3a6' } }).jpeg().toBuffer()
    expectLimited(await upload(t.app, tokens[0]!.token, photo, { ip: nextIp() }), /上传太频繁/)
    const [elder] = await sessions(['elder'])
    expect((await upload(t.app, elder!.token, photo, { ip: nextIp() })).statusCode).toBe(201)
  })

  test('one address: 120 uploads in ten minutes from anyone, then 429 RATE_LIMITED; another address is not blocked', async () => {
    const people = await sessions(['rep', 'staff', 'worker', 'admin', 'staff_b'])
    const ip = nextIp()
    // 24 each: under the per-person and per-session limits, over the per-address one.
    for (let i = 0; i < 120; i++) expect((await upload(t.app, people[i % 5]!.token, notAnImage, { ip })).statusCode).toBe(415)
    expectLimited(await upload(t.app, people[0]!.token, notAnImage, { ip }), /上传太频繁/)
    expect((await upload(t.app, people[0]!.token, notAnImage, { ip: nextIp() })).statusCode).toBe(415)
  })
})

describe('bind', () => {
  test('one address: 30 invite-code attempts in 15 minutes from anyone, then 429 RATE_LIMITED; another address is not blocked', async () => {
    const people = await sessions(['resident_b', 'worker', 'admin', 'staff_b'])
    const ip = nextIp()
    // 8 each: under the per-person limit (10), over the per-address one.
    for (let i = 0; i < 30; i++) {
      const res = await bind(t.app, people[i % 4]!.token, `WRONG${String(i).padStart(3, '2')}`, 'family', ip)
      expect(res.statusCode).toBe(422)
    }
    expectLimited(await bind(t.app, people[2]!.token, 'WRONG777', 'family', ip), /频繁/)
    expect((await bind(t.app, people[3]!.token, 'WRONG778', 'family', nextIp())).statusCode).toBe(422)
  })
})
