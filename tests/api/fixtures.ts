// Request helpers shared by the API tests: unique phones and client addresses, invite/register/bind flows,
// and a hand-built multipart body for uploads.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { bearer, testClock } from './helper'

let phoneSeq = 0
/** A phone number no seeded user has (the seed uses 1390000xxxx). */
export function nextPhone(): string {
  phoneSeq++
  return `1370${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`
}

let ipSeq = 0
/** A fresh client address, so per-IP limits of one test do not leak into another. */
export function nextIp(): string {
  ipSeq++
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`
}

/**
 * A test clock on the next full hour. The rate windows (10, 15 and 60 minutes) all begin on the hour, so a test that
 * counts attempts has a whole window to itself, and a window passes only when the test advances the clock. Ahead of
 * the wall clock, so whatever the seed wrote at wall-clock time is already in the past.
 */
export function clockOnTheHour() {
  const hour = 3600_000
  return testClock(Math.ceil(Date.now() / hour) * hour + 1000)
}

export interface AdminHousehold {
  id: number
  buildingId: number
  building: string
  unit: string
  room: string
  area: number
  ownerKey: string
}

export async function listHouseholds(app: FastifyInstance, token: string): Promise<AdminHousehold[]> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/admin/households', headers: bearer(token) })
  expect(res.statusCode).toBe(200)
  return res.json().items as AdminHousehold[]
}

/** Households of the admin's compound that nobody is bound to yet, in list order. */
export async function vacantHouseholds(app: FastifyInstance, adminToken: string): Promise<AdminHousehold[]> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(adminToken) })
  expect(res.statusCode).toBe(200)
  const taken = new Set((res.json().items as { households: { householdId: number }[] }[]).flatMap((m) => m.households.map((h) => h.householdId)))
  const vacant = (await listHouseholds(app, adminToken)).filter((h) => !taken.has(h.id))
  expect(vacant.length).toBeGreaterThan(50)
  return vacant
}

export function issueInvites(app: FastifyInstance, token: string, householdIds: number[], validDays?: number) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/admin/invites',
    headers: bearer(token),
    payload: validDays === undefined ? { householdIds } : { householdIds, validDays },
  })
}

/** Issues one code for one household and returns it. */
export async function inviteCode(app: FastifyInstance, adminToken: string, householdId: number): Promise<string> {
  const res = await issueInvites(app, adminToken, [householdId])
  expect(res.statusCode).toBe(201)
  const items = res.json().items as { householdId: number; code: string }[]
  expect(items).toHaveLength(1)
  expect(items[0]!.householdId).toBe(householdId)
  return items[0]!.code
}

export function register(
  app: FastifyInstance,
  body: { inviteCode: string; phone: string; password: string; relation?: string },
  ip = nextIp(),
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body, remoteAddress: ip })
}

export function passwordLogin(app: FastifyInstance, phone: string, password: string, ip = nextIp()): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password }, remoteAddress: ip })
}

export function bind(app: FastifyInstance, token: string, inviteCode: string, relation = 'family', ip = nextIp()): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/households/bind', headers: bearer(token), payload: { inviteCode, relation }, remoteAddress: ip })
}

export async function getMe(app: FastifyInstance, token: string) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
  expect(res.statusCode).toBe(200)
  return res.json()
}

/** Registers a brand-new resident of `householdId` and returns their token and phone. */
export async function newResident(app: FastifyInstance, adminToken: string, householdId: number, password = 'correct-horse-1') {
  const phone = nextPhone()
  const code = await inviteCode(app, adminToken, householdId)
  const res = await register(app, { inviteCode: code, phone, password })
  expect(res.statusCode).toBe(201)
  return { token: res.json().token as string, phone, password }
}

/** A multipart/form-data body with one file part, built by hand. */
export function multipartFile(data: Buffer, filename: string, contentType: string, field = 'file') {
  const boundary = `----linli${randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat([head, data, tail]) }
}
