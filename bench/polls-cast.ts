// Durable ballot casting under load: `npx tsx bench/polls-cast.ts [--postgres] [--duration=SEC] [--connections=N]`.
// The real server (server/main.ts) on a fresh database with 2,000 owner households in one building and an open
// poll; autocannon sends PUT /polls/:id/ballot from 200 connections, each request as a different household
// (so the run is casting and changing ballots), and a bare Fastify route is measured in the same run for the ratio.
// Target (ARCHITECTURE.md): ≥ 3,000 ballots/s at 200 concurrent clients, p99 ≤ 100 ms, on 2 cores.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { sha256 } from '../server/crypto'
import { openDatabase } from '../server/db'
import { migrateToLatest } from '../server/db/migrate'
import { freshDatabase, parseArgs, startProcess } from './support'

const args = parseArgs()
const usePostgres = args.has('postgres')
const duration = Number(args.get('duration') ?? 8)
const connections = Number(args.get('connections') ?? 200)
const HOUSEHOLDS = 2000


async function seed(url: string) {
  const handle = openDatabase(url)
  await migrateToLatest(handle)
  const now = new Date().toISOString()
  const db = handle.db
  const c = await db.insertInto('communities').values({ slug: 'bench', name: '压测小区', city: 'shanghai', phone: '021-00000000', created_at: now }).returning('id').executeTakeFirstOrThrow()
  const b = await db.insertInto('buildings').values({ community_id: c.id, name: '1号楼', sort: 1 }).returning('id').executeTakeFirstOrThrow()
  const staff = await db.insertInto('users').values({ display_name: '物业', care_mode: 0, created_at: now }).returning('id').executeTakeFirstOrThrow()
  const tokens: string[] = []
  for (let start = 0; start < HOUSEHOLDS; start += 400) {
    const idx = Array.from({ length: Math.min(400, HOUSEHOLDS - start) }, (_, i) => start + i)
    const hs = await db
      .insertInto('households')
      .values(idx.map((i) => ({ community_id: c.id, building_id: b.id, unit: String(1 + (i % 4)), room: String(1000 + i), area_centi: 6000 + ((i * 7919) % 8000), owner_key: `o${i}`, owner_name: '业主', owner_phone: null, updated_at: now })))
      .returning('id')
      .execute()
    const us = await db.insertInto('users').values(idx.map(() => ({ display_name: '业主', care_mode: 0, created_at: now }))).returning('id').execute()
    await db.insertInto('memberships').values(us.map((u, k) => ({ user_id: u.id, household_id: hs[k]!.id, relation: 'owner' as const, created_at: now }))).execute()
    const batch = us.map((u) => `bench-ballot-${u.id}-${'x'.repeat(20)}`)
    await db.insertInto('sessions').values(us.map((u, k) => ({ user_id: u.id, token_hash: sha256(batch[k]!), expires_at: new Date(Date.now() + 86400_000).toISOString(), created_at: now }))).execute()
    tokens.push(...batch)
  }
  const poll = await db
    .insertInto('polls')
    .values({ community_id: c.id, title: '压测', description: '', kind: 'approve', max_choices: 1, legal_rule: 'ordinary', voters: 'owners', secret: 0, results_visibility: 'live', status: 'open', opens_at: null, closes_at: new Date(Date.now() + 86400_000).toISOString(), created_by: staff.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const options = await db.insertInto('poll_options').values([1, 2, 3].map((position) => ({ poll_id: poll.id, position, label: ['同意', '反对', '弃权'][position - 1]! }))).returning('id').execute()
  await db.insertInto('poll_buildings').values({ poll_id: poll.id, building_id: b.id }).execute()
  await handle.close()
  return { tokens, pollId: poll.id, optionIds: options.map((o) => o.id) }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-polls-'))
  const database = await freshDatabase(dir, usePostgres, 'polls')
  const { tokens, pollId, optionIds } = await seed(database.url)
  const server = await startProcess('server/main.ts', { DATABASE_URL: database.url, DATA_DIR: dir, DEMO: 'false', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '10000000', H5_DIR: path.join(dir, 'none') }, /is running: http:\/\/127\.0\.0\.1:(\d+)\//)
  const bare = await startProcess('bench/bare-server.ts', {}, /listening (\d+)/)
  try {
    const bareRun = await autocannon({ url: `http://127.0.0.1:${bare.port}/bare`, connections, duration })
    let i = 0
    const castRun = await autocannon({
      url: `http://127.0.0.1:${server.port}/api/v1/polls/${pollId}/ballot`,
      connections,
      duration,
      requests: [
        {
          method: 'PUT',
          setupRequest: (req) => {
            const n = i++
            return { ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[n % tokens.length]}`, 'content-type': 'application/json' }, body: JSON.stringify({ choices: [optionIds[n % 3]] }) }
          },
        },
      ],
    })
    const errors = castRun.errors + castRun.timeouts + castRun.non2xx
    const rps = Math.round(castRun.requests.average)
    console.log(`engine ${usePostgres ? 'postgres' : 'sqlite'}, ${connections} connections, ${duration} s, ${os.cpus().length} cores`)
    console.log(`bare Fastify route: ${Math.round(bareRun.requests.average)} req/s, p99 ${bareRun.latency.p99} ms`)
    console.log(`durable ballot cast: ${rps} ballots/s, p50 ${castRun.latency.p50} ms, p99 ${castRun.latency.p99} ms, errors ${errors}`)
    console.log(`ratio to bare route: ${(rps / bareRun.requests.average).toFixed(3)}`)
    console.log(`target ≥ 3000/s and p99 ≤ 100 ms: ${rps >= 3000 && castRun.latency.p99 <= 100 ? 'met' : 'NOT MET'}`)
  } finally {
    server.child.kill('SIGTERM')
    bare.child.kill('SIGTERM')
  }
  await database.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
