// `npm run bench`: the real server on a fresh database seeded at scale, loaded with autocannon from this process,
// against a bare Fastify route measured in the same run. Prints a table, writes bench/results.json, and says which
// budgets of ARCHITECTURE.md are met. Loopback only; every scenario is bounded in time (about 2½ minutes in all on
// SQLite with the defaults, 3½ on PostgreSQL, seeding included).
//   --postgres        use PostgreSQL (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres) instead of SQLite
//   --duration=SEC    seconds per scenario (default 8)
//   --only=TEXT       run only the scenarios whose name contains TEXT (the baseline always runs)
//   --profile=DIR     write a CPU profile of the server to DIR
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../server/db'
import { migrateToLatest } from '../server/db/migrate'
import { ballotScenario } from './polls-cast'
import { grantRole, seedOpenPoll, seedScale, seedTickets } from './seed-scale'
import { keystrokes } from './sorting-search'
import { freshDatabase, loadAverage, measure, parseArgs, printTable, ROOT, sessionsFor, startBare, startServer, type Row, type Scenario } from './support'

const args = parseArgs()
const usePostgres = args.has('postgres')
const duration = Number(args.get('duration') ?? 8)
const only = args.get('only')

async function seed(url: string) {
  const handle = openDatabase(url)
  await migrateToLatest(handle)
  const db = handle.db
  const big = await db.transaction().execute((tx) => seedScale(tx, 'big', { households: 2000, notices: 10_000, receipts: 1_000_000 }))
  const small = await db.transaction().execute((tx) => seedScale(tx, 'small', { households: 200, notices: 1_000, receipts: 100_000 }))
  const staff = { big: await grantRole(db, big.communityId, 'staff', '物业'), small: await grantRole(db, small.communityId, 'staff', '物业') }
  for (const [c, count] of [[big, 100_000] as const, [small, 1_000] as const]) {
    const households = c.householdIds.map((id, i) => ({ id, building_id: c.buildingIds[i % c.buildingIds.length]! }))
    const workerId = await grantRole(db, c.communityId, 'worker', '维修师傅')
    await db.transaction().execute((tx) => seedTickets(tx, { communityId: c.communityId, count, households, reporterIds: c.userIds.slice(0, 20), workerId }))
  }
  const poll = await seedOpenPoll(db, big.communityId, staff.big)
  const tokens = {
    big: await sessionsFor(db, big.userIds, 'big'),
    small: await sessionsFor(db, small.userIds.slice(0, 100), 'small'),
    staffBig: await sessionsFor(db, [staff.big], 'staff'),
    staffSmall: await sessionsFor(db, [staff.small], 'staff'),
  }
  await handle.close()
  return { big, small, poll, tokens }
}

const bearer = (tokens: string[]) => (n: number) => ({ headers: { authorization: `Bearer ${tokens[n % tokens.length]}` } })

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'))
  const database = await freshDatabase(dir, usePostgres, 'main')
  console.log(`engine: ${usePostgres ? 'postgres' : 'sqlite'}; ${os.cpus().length} cores; load ${loadAverage()}; seeding…`)
  const started = Date.now()
  const { big, small, poll, tokens } = await seed(database.url)
  const seedSeconds = (Date.now() - started) / 1000
  console.log(
    `seeded in ${seedSeconds.toFixed(1)} s: ${big.noticeCount + small.noticeCount} notices, ${big.receiptCount + small.receiptCount} receipts, 2,200 households, 101,000 tickets, an open poll`,
  )

  const server = await startServer(database.url, dir, args.get('profile'))
  const bare = await startBare()
  const api = `http://127.0.0.1:${server.port}/api/v1`
  const readers = tokens.big.slice(0, 100)
  const queries = keystrokes()
  const scenarios = {
    list10k: { name: 'notice list, 10k notices / 1M receipts', url: `${api}/notices`, request: bearer(readers) },
    list1k: { name: 'notice list, 1k notices / 100k receipts', url: `${api}/notices`, request: bearer(tokens.small) },
    page2: { name: 'notice list page 2 (keyset cursor), 10k', url: `${api}/notices?cursor=${await secondPageCursor(api, readers[0]!)}`, request: bearer(readers) },
    unread: { name: 'unread count, 10k notices / 1M receipts', url: `${api}/notices/unread-count`, request: bearer(readers) },
    ballots: ballotScenario(api, poll, tokens.big),
    tickets1k: { name: 'ticket list, staff queue (open), 1k tickets', url: `${api}/repairs?scope=queue&status=open`, request: bearer(tokens.staffSmall) },
    tickets100k: { name: 'ticket list, staff queue (open), 100k tickets', url: `${api}/repairs?scope=queue&status=open`, request: bearer(tokens.staffBig) },
    sorting: {
      name: 'sorting search, one query per keystroke',
      url: `${api}/sorting/search?q=a`,
      request: (n: number) => ({ path: `/api/v1/sorting/search?q=${encodeURIComponent(queries[n % queries.length]!)}`, ...bearer(readers)(n) }),
    },
  } satisfies Record<string, Scenario>
  const rows: Row[] = []
  const loadBefore = loadAverage()
  try {
    rows.push(await measure({ name: 'bare Fastify JSON route (baseline)', url: `http://127.0.0.1:${bare.port}/bare` }, duration, bare))
    for (const s of Object.values(scenarios)) {
      if (only && !s.name.includes(only)) continue
      process.stdout.write(`  ${s.name}…\n`)
      rows.push(await measure(s, duration, server))
    }
  } finally {
    server.child.kill('SIGTERM')
    bare.child.kill('SIGTERM')
  }
  const loadAfter = loadAverage()
  const base = rows[0]!.rps
  for (const r of rows) r.ratio = Math.round((r.rps / base) * 100) / 100
  printTable(rows)
  console.log(`load average before ${loadBefore}, after ${loadAfter} (${os.cpus().length} cores, shared with the load generator)`)

  const row = (s: Scenario) => rows.find((r) => r.scenario === s.name)
  const budgets: { budget: string; met: boolean; value: string }[] = []
  const list10k = row(scenarios.list10k)
  const list1k = row(scenarios.list1k)
  if (list10k) budgets.push({ budget: 'authenticated notice list ≥ 50 % of the bare route', met: list10k.ratio! >= 0.5, value: `${Math.round(list10k.ratio! * 100)} %` })
  if (list10k && list1k) budgets.push({ budget: 'notice list latency flat (≤ 1.5×) from 1k to 10k notices (p99)', met: list10k.p99 <= 1.5 * Math.max(list1k.p99, 1), value: `${list1k.p99} → ${list10k.p99} ms` })
  const ballots = row(scenarios.ballots)
  if (ballots) {
    budgets.push({
      budget: `durable ballot casting ≥ 3,000/s at ${ballots.connections} clients, p99 ≤ 100 ms`,
      met: ballots.rps >= 3000 && ballots.p99 <= 100 && ballots.connections >= 200,
      value: `${ballots.rps}/s, p99 ${ballots.p99} ms (${ballots.ratio}× bare)`,
    })
  }
  const tickets1k = row(scenarios.tickets1k)
  const tickets100k = row(scenarios.tickets100k)
  if (tickets1k && tickets100k) {
    budgets.push({ budget: 'ticket list latency flat (≤ 1.5×) from 1k to 100k tickets (p99)', met: tickets100k.p99 <= 1.5 * Math.max(tickets1k.p99, 1), value: `${tickets1k.p99} → ${tickets100k.p99} ms` })
  }
  budgets.push({ budget: 'no errors under load', met: rows.every((r) => r.errors === 0), value: `${rows.reduce((s, r) => s + r.errors, 0)} errors` })
  console.log('\nbudgets:')
  for (const b of budgets) console.log(`  ${b.met ? 'met    ' : 'NOT MET'}  ${b.budget}: ${b.value}`)
  const results = { at: new Date().toISOString(), engine: usePostgres ? 'postgres' : 'sqlite', cpus: os.cpus().length, duration, seedSeconds, loadAverage: { before: loadBefore, after: loadAfter }, rows, budgets }
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
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
