// Set-up shared by the API tests: unique phones and client addresses, a clock for rate windows, invite/register/bind
// flows, the demo compound and people placed in it, polls, and photos with a hand-built multipart upload.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { sha256 } from '../../server/crypto'
import type { Relation } from '../../types/identity'
import { bearer, testClock } from './helper'

export type Body = Record<string, unknown>

export const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()

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

export async function userIdOf(app: FastifyInstance, token: string): Promise<number> {
  return (await getMe(app, token)).user.id as number
}

/** The first household the signed-in person belongs to. */
export async function householdOf(app: FastifyInstance, token: string): Promise<number> {
  return (await getMe(app, token)).households[0].id as number
}

/** 绿苑, the first demo compound: its id and its buildings in display order (1号楼 first). */
export async function demoCompound(app: FastifyInstance): Promise<{ communityId: number; buildingIds: number[] }> {
  const db = app.deps.db
  const c = await db.selectFrom('communities').select('id').where('slug', '=', 'lvyuan').executeTakeFirstOrThrow()
  const buildings = await db.selectFrom('buildings').select('id').where('community_id', '=', c.id).orderBy('sort').execute()
  return { communityId: c.id, buildingIds: buildings.map((b) => b.id) }
}

/** A signed-in person bound to a household with the given relation, written straight into the database. */
export async function personIn(app: FastifyInstance, householdId: number, relation: Relation): Promise<{ token: string; userId: number }> {
  const db = app.deps.db
  const now = app.deps.now()
  const at = now.toISOString()
  const user = await db.insertInto('users').values({ display_name: '测试住户', care_mode: 0, created_at: at }).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('memberships').values({ user_id: user.id, household_id: householdId, relation, created_at: at }).execute()
  const token = randomBytes(24).toString('base64url')
  await db.insertInto('sessions').values({ user_id: user.id, token_hash: sha256(token), expires_at: new Date(now.getTime() + 86400_000).toISOString(), created_at: at }).execute()
  return { token, userId: user.id }
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

/** A poll that passes validation: an owners-only yes/no question with live results, closing in two days. */
export function pollBody(extra: Body = {}): Body {
  return { title: '是否更换电梯', kind: 'approve', closesAt: inHours(48), secret: false, resultsVisibility: 'live', legalRule: 'none', voters: 'owners', buildingIds: [], ...extra }
}

export interface CreatedPoll {
  id: number
  status: string
  options: { id: number; label: string }[]
}

export async function createPoll(app: FastifyInstance, token: string, body: Body): Promise<CreatedPoll> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/polls', headers: bearer(token), payload: body })
  expect(res.statusCode).toBe(201)
  return res.json() as CreatedPoll
}

/** Creates and opens a poll: open at once, or scheduled when it has an opening time. */
export async function openPoll(app: FastifyInstance, token: string, body: Body): Promise<CreatedPoll> {
  const poll = await createPoll(app, token, body)
  const res = await app.inject({ method: 'POST', url: `/api/v1/polls/${poll.id}/open`, headers: bearer(token) })
  expect(res.statusCode).toBe(200)
  expect(res.json().status).toBe(body.opensAt ? 'scheduled' : 'open')
  return poll
}

/** A small JPEG whose EXIF names the camera (LinliTestCam) and carries a GPS position. */
export function photoWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'LinliTestCam', Model: 'GPS-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .toBuffer()
}

/** POST /uploads with one file part; without a token when `token` is null. */
export function upload(
  app: FastifyInstance,
  token: string | null,
  data: Buffer,
  { filename = 'photo.jpg', contentType = 'image/jpeg', ip }: { filename?: string; contentType?: string; ip?: string } = {},
): Promise<LightMyRequestResponse> {
  const body = multipartFile(data, filename, contentType)
  return app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...body.headers, ...(token ? bearer(token) : {}) }, payload: body.payload, ...(ip ? { remoteAddress: ip } : {}) })
}
