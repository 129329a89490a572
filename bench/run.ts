// `npm run bench`: the real server on a fresh database seeded at scale, loaded with autocannon from this process,
// against a bare Fastify route measured in the same run. Prints a table, writes bench/results.json, and says which
// budgets of ARCHITECTURE.md are met. Loopback only; every scenario is bounded in time.
//   --postgres        use PostgreSQL (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres) instead of SQLite
//   --duration=SEC    seconds per scenario (default 8)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { sha256 } from '../server/crypto'
import { openDatabase } from '../server/db'
import { migrateToLatest } from '../server/db/migrate'
import { freshDatabase, parseArgs, ROOT, startProcess } from './support'
import { seedScale } from './seed-scale'

const args = parseArgs()
const usePostgres = args.has('postgres')
const duration = Number(args.get('duration') ?? 8)

interface Row {
  scenario: string
  rps: number
  p50: number
  p99: number
  ratio?: number
  errors: number
}


async function load(scenario: string, url: string, tokens: string[], connections = 50): Promise<Row> {
  let i = 0
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...(tokens.length ? { authorization: `Bearer ${tokens[i++ % tokens.length]}` } : {}) } }),
      },
    ],
  })
  const errors = result.errors + result.timeouts + result.non2xx
  return { scenario, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors }
}

async function sessionsFor(db: ReturnType<typeof openDatabase>['db'], userIds: number[]): Promise<string[]> {
  const tokens = userIds.map((id) => `bench-token-${id}-${'x'.repeat(20)}`)
  const expires = new Date(Date.now() + 86400_000).toISOString()
  await db
    .insertInto('sessions')
    .values(userIds.map((id, k) => ({ user_id: id, token_hash: sha256(tokens[k]!), expires_at: expires, created_at: new Date().toISOString() })))
    .execute()
  return tokens
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'))
  const database = await freshDatabase(dir, usePostgres, 'main')
  console.log(`engine: ${usePostgres ? 'postgres' : 'sqlite'}; seeding…`)
  const started = Date.now()
  const handle = openDatabase(database.url)
  await migrateToLatest(handle)
  const big = await handle.db.transaction().execute((tx) => seedScale(tx, 'big', { households: 2000, notices: 10_000, receipts: 1_000_000 }))
  const small = await handle.db.transaction().execute((tx) => seedScale(tx, 'small', { households: 200, notices: 1_000, receipts: 100_000 }))
  const bigTokens = await sessionsFor(handle.db, big.userIds.slice(0, 100))
  const smallTokens = await sessionsFor(handle.db, small.userIds.slice(0, 100))
  await handle.close()
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${big.noticeCount + small.noticeCount} notices, ${big.receiptCount + small.receiptCount} receipts, 2,200 households`)

  const server = await startProcess('server/main.ts', { DATABASE_URL: database.url, DATA_DIR: dir, DEMO: 'false', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '10000000', H5_DIR: path.join(dir, 'none') }, /is running: http:\/\/127\.0\.0\.1:(\d+)\//)
  const bare = await startProcess('bench/bare-server.ts', {}, /listening (\d+)/)
  const api = `http://127.0.0.1:${server.port}/api/v1`
  const rows: Row[] = []
  try {
    rows.push(await load('bare Fastify JSON route (baseline)', `http://127.0.0.1:${bare.port}/bare`, []))
    rows.push(await load('notice list, 10k notices / 1M receipts', `${api}/notices`, bigTokens))
    rows.push(await load('notice list, 1k notices / 100k receipts', `${api}/notices`, smallTokens))
    rows.push(await load('notice list page 2 (keyset cursor), 10k', `${api}/notices?cursor=${await secondPageCursor(api, bigTokens[0]!)}`, bigTokens))
    rows.push(await load('unread count, 10k notices / 1M receipts', `${api}/notices/unread-count`, bigTokens))
  } finally {
    server.child.kill('SIGTERM')
    bare.child.kill('SIGTERM')
  }
  const base = rows[0]!.rps
  for (const r of rows) r.ratio = Math.round((r.rps / base) * 100) / 100

  console.log(`\n${'scenario'.padEnd(46)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× bare'.padStart(7)} ${'errors'.padStart(7)}`)
  for (const r of rows) console.log(`${r.scenario.padEnd(46)} ${String(r.rps).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.ratio).padStart(7)} ${String(r.errors).padStart(7)}`)

  const list10k = rows[1]!
  const list1k = rows[2]!
  const budgets = [
    { budget: 'authenticated notice list ≥ 50 % of the bare route', met: list10k.ratio! >= 0.5, value: `${Math.round(list10k.ratio! * 100)} %` },
    { budget: 'notice list latency flat (≤ 1.5×) from 1k to 10k notices (p99)', met: list10k.p99 <= 1.5 * Math.max(list1k.p99, 1), value: `${list1k.p99} → ${list10k.p99} ms` },
    { budget: 'no errors under load', met: rows.every((r) => r.errors === 0), value: `${rows.reduce((s, r) => s + r.errors, 0)} errors` },
  ]
  console.log('\nbudgets:')
  for (const b of budgets) console.log(`  ${b.met ? 'met    ' : 'NOT MET'}  ${b.budget}: ${b.value}`)
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify({ at: new Date().toISOString(), engine: usePostgres ? 'postgres' : 'sqlite', cpus: os.cpus().length, duration, rows, budgets }, null, 2))
  console.log('\nwritten: bench/results.json')
  await database.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}

async function secondPageCursor(api: string, token: string): Promise<string> {
  const res = await fetch(`${api}/notices`, { headers: { authorization: `Bearer ${token}` } })
  const body = (await res.json()) as { nextCursor: string }
  return body.nextCursor
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
