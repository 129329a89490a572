// Ticket list latency at 1,000 and 100,000 tickets (keyset pagination on indexes): `npx tsx bench/repairs-list.ts [--postgres]`.
// Builds the real app in-process on a fresh database, bulk-loads tickets into the demo compound, then times
// sequential requests through inject (no network) for each list scope, first page and a deep page.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Insertable } from 'kysely'
import pg from 'pg'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'
import type { RepairTicketTable } from '../server/db/schema'
import { REPAIR_CATEGORIES, REPAIR_STATE_GROUP, REPAIR_STATUSES } from '../types/repairs'

const usePg = process.argv.includes('--postgres')
const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

async function database(dir: string, tag: string) {
  if (!usePg) return { url: `sqlite:${path.join(dir, `${tag}.db`)}`, drop: async () => undefined }
  const name = `linli_bench_repairs_${tag}_${process.pid}`
  const c = new pg.Client({ connectionString: PG_ADMIN })
  await c.connect()
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await c.query(`CREATE DATABASE ${name}`)
  await c.end()
  const url = new URL(PG_ADMIN)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_ADMIN })
      await d.connect()
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await d.end()
    },
  }
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function scenario(total: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-repairs-'))
  const db = await database(dir, String(total))
  const app = await buildApp({ ...loadConfig({}, { databaseUrl: db.url, dataDir: dir, demo: true, h5Dir: path.join(dir, 'none') }), rateLimitMax: 10_000_000 })
  const k = app.deps.db
  const users = new Map((await k.selectFrom('users').select(['id', 'demo_persona']).execute()).map((u) => [u.demo_persona, u.id]))
  const homes = await k.selectFrom('households').select(['id', 'community_id', 'building_id']).where('community_id', '=', 1).execute()
  const resident = users.get('resident')!
  const worker = users.get('worker')!
  const start = Date.now() - total * 60_000
  const rows: Insertable<RepairTicketTable>[] = []
  for (let i = 0; i < total; i++) {
    const status = REPAIR_STATUSES[i % REPAIR_STATUSES.length]!
    const pub = i % 3 === 0
    const h = homes[i % homes.length]!
    const created = new Date(start + i * 60_000).toISOString()
    rows.push({
      community_id: 1,
      location_kind: pub ? ('public' as const) : ('home' as const),
      household_id: pub ? null : h.id,
      building_id: h.building_id,
      location_text: pub ? `公共区域 ${i}` : `房屋 ${h.id}`,
      category: REPAIR_CATEGORIES[i % REPAIR_CATEGORIES.length]!,
      description: `压测工单 ${i}`,
      urgency: i % 5 === 0 ? 'urgent' : 'normal',
      status,
      state_group: REPAIR_STATE_GROUP[status],
      assignee_id: i % 4 === 0 ? worker : null,
      // A heavy reporter: 1 in 50 tickets is the demo resident's.
      reporter_id: i % 50 === 0 ? resident : users.get('elder')!,
      source: 'app' as const,
      sla_due_at: new Date(start + i * 60_000 + (i % 7) * 3600_000).toISOString(),
      created_at: created,
      updated_at: created,
    })
  }
  const t0 = Date.now()
  await k.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 400) await tx.insertInto('repair_tickets').values(rows.slice(i, i + 400)).execute()
  })
  const loadMs = Date.now() - t0
  const login = async (persona: string) => (await app.inject({ method: 'POST', url: '/api/v1/auth/demo', payload: { persona } })).json().token as string
  const tokens = { resident: await login('resident'), staff: await login('staff'), worker: await login('worker') }
  const cases: [string, keyof typeof tokens, string][] = [
    ['mine', 'resident', 'scope=mine'],
    ['public', 'resident', 'scope=public'],
    ['queue open', 'staff', 'scope=queue&status=open'],
    ['queue overdue+category', 'staff', 'scope=queue&overdue=true&category=elevator'],
    ['assigned open', 'worker', 'scope=assigned&status=open'],
  ]
  const out: { scenario: string; total: number; p50: number; p99: number; deepP50: number }[] = []
  for (const [name, who, q] of cases) {
    const headers = { authorization: `Bearer ${tokens[who]}` }
    // A deep page: follow 5 cursors first.
    let cursor: string | null = null
    for (let i = 0; i < 5; i++) {
      const page = (await app.inject({ method: 'GET', url: `/api/v1/repairs?${q}&limit=20${cursor ? `&cursor=${cursor}` : ''}`, headers })).json() as { nextCursor: string | null }
      cursor = page.nextCursor ?? cursor
    }
    const times = async (url: string) => {
      const ms: number[] = []
      for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url, headers })
      for (let i = 0; i < 200; i++) {
        const s = process.hrtime.bigint()
        const res = await app.inject({ method: 'GET', url, headers })
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
        ms.push(Number(process.hrtime.bigint() - s) / 1e6)
      }
      return ms.sort((a, b) => a - b)
    }
    const first = await times(`/api/v1/repairs?${q}&limit=20`)
    const deep = cursor ? await times(`/api/v1/repairs?${q}&limit=20&cursor=${cursor}`) : first
    out.push({ scenario: name, total, p50: +pct(first, 50).toFixed(2), p99: +pct(first, 99).toFixed(2), deepP50: +pct(deep, 50).toFixed(2) })
  }
  await app.close()
  await db.drop()
  fs.rmSync(dir, { recursive: true, force: true })
  return { loadMs, out }
}

async function main() {
  const small = await scenario(1_000)
  const large = await scenario(100_000)
  console.log(`engine ${usePg ? 'postgres' : 'sqlite'}; bulk load 100k in ${large.loadMs} ms`)
  console.log('scope                     p50@1k  p99@1k  p50@100k  p99@100k  deep-page p50@100k  ratio p50')
  small.out.forEach((s, i) => {
    const l = large.out[i]!
    console.log(`${s.scenario.padEnd(25)} ${String(s.p50).padStart(6)}  ${String(s.p99).padStart(6)}  ${String(l.p50).padStart(8)}  ${String(l.p99).padStart(8)}  ${String(l.deepP50).padStart(18)}  ${(l.p50 / s.p50).toFixed(2)}`)
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
