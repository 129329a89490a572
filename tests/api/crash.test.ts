import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { sha256 } from '../../server/crypto'
import { openDatabase, type Db } from '../../server/db'
import { migrateToLatest } from '../../server/db/migrate'
import { spawnServer } from '../support/server-process'
import { waitFor } from '../support/wait'
import { ENGINE, freshDatabase } from './helper'

/**
 * Crash durability: the real server (server/main.ts) as a child process takes ballots, repair tickets and notice
 * confirmations from concurrent clients at full speed, is killed with SIGKILL in the middle, and is started again on
 * the same database. Every write it acknowledged (a 2xx with its id or receipt) must be there, and the database must
 * pass its integrity check: PRAGMA integrity_check on SQLite; amcheck's B-tree checks of every index on PostgreSQL.
 */
jest.setTimeout(120_000)

const HOUSEHOLDS = 240
const LOOPS = 12
/** Load runs at least this long, and on until each kind of write has been acknowledged this often (bounded). */
const LOAD_MS = 2500
const LOAD_MAX_MS = 12_000
const ENOUGH = 30

interface Seeded {
  pollId: number
  optionIds: number[]
  noticeIds: number[]
  /** One owner per household: session token, user id and household id. */
  people: { token: string; userId: number; householdId: number }[]
}

/** A compound straight through SQL: households each with one owner and a live session, an open poll, notices to confirm. */
async function seed(db: Db): Promise<Seeded> {
  const now = new Date().toISOString()
  const later = new Date(Date.now() + 86400_000).toISOString()
  const c = await db.insertInto('communities').values({ slug: 'crash', name: '断电小区', city: 'shanghai', phone: '021-00000000', created_at: now }).returning('id').executeTakeFirstOrThrow()
  const b = await db.insertInto('buildings').values({ community_id: c.id, name: '1号楼', sort: 1 }).returning('id').executeTakeFirstOrThrow()
  const staff = await db.insertInto('users').values({ display_name: '物业', care_mode: 0, created_at: now }).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('role_grants').values({ user_id: staff.id, community_id: c.id, role: 'staff', building_id: 0, created_at: now }).execute()
  const idx = Array.from({ length: HOUSEHOLDS }, (_, i) => i)
  const hs = await db
    .insertInto('households')
    .values(idx.map((i) => ({ community_id: c.id, building_id: b.id, unit: String(1 + (i % 4)), room: String(1000 + i), area_centi: 6000 + ((i * 7919) % 8000), owner_key: `o${i}`, owner_name: '业主', owner_phone: null, updated_at: now })))
    .returning('id')
    .execute()
  const us = await db.insertInto('users').values(idx.map((i) => ({ display_name: `业主${i}`, phone: `1380000${String(i).padStart(4, '0')}`, care_mode: 0, created_at: now }))).returning('id').execute()
  await db.insertInto('memberships').values(us.map((u, i) => ({ user_id: u.id, household_id: hs[i]!.id, relation: 'owner' as const, created_at: now }))).execute()
  const tokens = us.map((u) => `crash-session-${u.id}-${'x'.repeat(24)}`)
  await db.insertInto('sessions').values(us.map((u, i) => ({ user_id: u.id, token_hash: sha256(tokens[i]!), expires_at: later, created_at: now }))).execute()
  const poll = await db
    .insertInto('polls')
    .values({ community_id: c.id, title: '是否更换电梯', description: '', kind: 'approve', max_choices: 1, legal_rule: 'none', voters: 'owners', secret: 0, results_visibility: 'live', status: 'open', opens_at: null, closes_at: later, created_by: staff.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const options = await db.insertInto('poll_options').values(['同意', '反对', '弃权'].map((label, i) => ({ poll_id: poll.id, position: i + 1, label }))).returning('id').execute()
  const notices = await db
    .insertInto('notices')
    .values([1, 2, 3].map((n) => ({ community_id: c.id, author_id: staff.id, scope: 'community' as const, category: 'safety', title: `消防检查 ${n}`, body: '请确认收到。', pinned: 0, requires_ack: 1, publish_at: now, expire_at: null, created_at: now })))
    .returning('id')
    .execute()
  return { pollId: poll.id, optionIds: options.map((o) => o.id), noticeIds: notices.map((n) => n.id), people: us.map((u, i) => ({ token: tokens[i]!, userId: u.id, householdId: hs[i]!.id })) }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: LOOPS * 2 })

/** One JSON request; resolves with the status and body, rejects when the connection breaks (e.g. the server died). */
function send(origin: string, method: string, url: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: () => Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(`${origin}${url}`, { method, agent, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) as Record<string, unknown> }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')))
    req.end(payload)
  })
}

interface Acknowledged {
  /** household → the highest ballot version acknowledged, with its receipt */
  ballots: Map<number, { version: number; receipt: string }>
  tickets: { id: number; userId: number; description: string }[]
  acks: { noticeId: number; userId: number }[]
  refused: string[]
}

/** Concurrent loops, each with its own households (so a household never has two writes in flight), until `stop()`. */
function load(origin: string, s: Seeded) {
  const acked: Acknowledged = { ballots: new Map(), tickets: [], acks: [], refused: [] }
  let running = true
  let broken = 0
  const loop = async (k: number) => {
    const mine = s.people.filter((_, i) => i % LOOPS === k)
    for (let n = 0; running; n++) {
      const p = mine[n % mine.length]!
      const kind = n % 3
      try {
        if (kind === 0) {
          const res = await send(origin, 'PUT', `/api/v1/polls/${s.pollId}/ballot`, p.token, { choices: [s.optionIds[n % s.optionIds.length]] })
          if (res.status !== 200) acked.refused.push(`ballot ${res.status}`)
          else {
            const b = res.json() as { householdId: number; receipt: string; changes: number }
            acked.ballots.set(b.householdId, { version: b.changes + 1, receipt: b.receipt })
          }
        } else if (kind === 1) {
          const description = `漏水 ${k}-${n}`
          const res = await send(origin, 'POST', '/api/v1/repairs', p.token, { category: 'plumbing_electric', location: { kind: 'home' }, description, urgency: 'normal' }, { 'idempotency-key': `crash-${k}-${n}-${Date.now()}` })
          if (res.status !== 201) acked.refused.push(`ticket ${res.status}`)
          else acked.tickets.push({ id: res.json().id as number, userId: p.userId, description })
        } else {
          const noticeId = s.noticeIds[Math.floor(n / 3) % s.noticeIds.length]!
          const res = await send(origin, 'POST', `/api/v1/notices/${noticeId}/ack`, p.token)
          if (res.status !== 200) acked.refused.push(`ack ${res.status}`)
          else acked.acks.push({ noticeId, userId: p.userId })
        }
      } catch {
        // No answer: not acknowledged, so nothing is promised about it.
        broken++
        if (!running) return
      }
    }
  }
  const loops = Array.from({ length: LOOPS }, (_, k) => loop(k))
  return {
    acked,
    brokenCount: () => broken,
    stop: async () => {
      running = false
      await Promise.all(loops)
    },
  }
}

async function integrityProblems(db: Db): Promise<string[]> {
  if (ENGINE === 'sqlite') {
    const rows = (await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows
    const fk = (await sql<Record<string, unknown>>`PRAGMA foreign_key_check`.execute(db)).rows
    return [...rows.map((r) => r.integrity_check).filter((r) => r !== 'ok'), ...fk.map((r) => `foreign key: ${JSON.stringify(r)}`)]
  }
  await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(db)
  const indexes = (
    await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_am a ON a.oid = c.relam
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.amname = 'btree' AND c.relpersistence != 't'`.execute(db)
  ).rows
  const problems: string[] = []
  for (const { name } of indexes) {
    try {
      // heapallindexed: every heap tuple must be findable through the index, not only the index itself well-formed.
      await sql`SELECT bt_index_check(${sql.lit(name)}::regclass, true)`.execute(db)
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`)
    }
  }
  if (indexes.length < 10) problems.push(`only ${indexes.length} indexes checked`)
  return problems
}

let dir: string
let database: { url: string; drop: () => Promise<void> }
let child: ChildProcess | null = null

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-crash-'))
  database = await freshDatabase(dir)
})
afterAll(async () => {
  agent.destroy()
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await database.drop()
  fs.rmSync(dir, { recursive: true, force: true })
})

function killed(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve()
    else c.once('exit', () => resolve())
  })
}

test('every acknowledged ballot, ticket and confirmation survives SIGKILL mid-load, and the database passes its integrity check', async () => {
  const handle = openDatabase(database.url)
  await migrateToLatest(handle)
  const seeded = await seed(handle.db)
  await handle.close()

  const env = { DATABASE_URL: database.url, DATA_DIR: dir, DEMO: 'false', RATE_LIMIT_MAX: '10000000', H5_DIR: path.join(dir, 'no-h5') }
  const first = await spawnServer(env)
  child = first.child
  const run = load(first.origin, seeded)
  const started = Date.now()
  const enough = () => run.acked.ballots.size >= ENOUGH && run.acked.tickets.length >= ENOUGH && run.acked.acks.length >= ENOUGH
  await waitFor(() => Date.now() - started >= LOAD_MS && enough(), LOAD_MAX_MS, 100)
  // Killed while every loop has a request in flight: no shutdown hook, no flush, no closing the database.
  const gone = killed(first.child)
  first.child.kill('SIGKILL')
  await gone
  await run.stop()
  agent.destroy()
  const acked = run.acked

  const second = await spawnServer(env)
  child = second.child
  const check = openDatabase(database.url)
  try {
    const db = check.db
    const summary = `${ENGINE}: ${acked.ballots.size} households with acknowledged ballots, ${acked.tickets.length} tickets, ${acked.acks.length} confirmations; ${run.brokenCount()} requests left without an answer`
    console.log(`crash test — ${summary}`)
    expect(acked.refused.slice(0, 5)).toEqual([])
    expect(acked.ballots.size).toBeGreaterThanOrEqual(ENOUGH)
    expect(acked.tickets.length).toBeGreaterThanOrEqual(ENOUGH)
    expect(acked.acks.length).toBeGreaterThanOrEqual(ENOUGH)

    const missing: string[] = []
    const ballots = new Map((await db.selectFrom('ballots').select(['household_id', 'version', 'receipt']).where('poll_id', '=', seeded.pollId).execute()).map((b) => [b.household_id, b]))
    const history = new Map(
      (await db.selectFrom('ballot_history').select(['household_id', (eb) => eb.fn.countAll<number>().as('n')]).where('poll_id', '=', seeded.pollId).groupBy('household_id').execute()).map((h) => [h.household_id, Number(h.n)]),
    )
    for (const [householdId, a] of acked.ballots) {
      const b = ballots.get(householdId)
      // A later write may have committed without its answer reaching the client; never an older one.
      if (!b || b.version < a.version || (b.version === a.version && b.receipt !== a.receipt)) missing.push(`ballot of household ${householdId} v${a.version} ${a.receipt}: found ${JSON.stringify(b)}`)
      if ((history.get(householdId) ?? 0) < a.version) missing.push(`history of household ${householdId}: ${history.get(householdId)} lines for version ${a.version}`)
    }
    const tickets = new Map((await db.selectFrom('repair_tickets').select(['id', 'reporter_id', 'description']).execute()).map((r) => [r.id, r]))
    const created = new Set((await db.selectFrom('ticket_events').select('ticket_id').where('type', '=', 'created').execute()).map((e) => e.ticket_id))
    for (const tk of acked.tickets) {
      const row = tickets.get(tk.id)
      if (!row || row.reporter_id !== tk.userId || row.description !== tk.description) missing.push(`ticket ${tk.id}: found ${JSON.stringify(row)}`)
      if (!created.has(tk.id)) missing.push(`ticket ${tk.id} has no 'created' event`)
    }
    const confirmed = new Set((await db.selectFrom('notice_receipts').select(['notice_id', 'user_id']).where('acked_at', 'is not', null).execute()).map((r) => `${r.notice_id}:${r.user_id}`))
    for (const a of acked.acks) if (!confirmed.has(`${a.noticeId}:${a.userId}`)) missing.push(`confirmation of notice ${a.noticeId} by user ${a.userId}`)
    expect(missing.slice(0, 10)).toEqual([])

    // The restarted server serves what it acknowledged before the crash.
    const sample = acked.tickets[acked.tickets.length - 1]!
    const owner = seeded.people.find((p) => p.userId === sample.userId)!
    const res = await send(second.origin, 'GET', `/api/v1/repairs/${sample.id}`, owner.token)
    expect(res.status).toBe(200)
    expect(res.json().description).toBe(sample.description)

    expect(await integrityProblems(db)).toEqual([])
  } finally {
    await check.close()
    const done = killed(second.child)
    second.child.kill('SIGTERM')
    await done
    agent.destroy()
  }
})
