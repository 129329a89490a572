// Ticket list latency at 1,000 and 100,000 tickets (keyset pagination on indexes): `npx tsx bench/repairs-list.ts [--postgres]`.
// Builds the real app in-process on a fresh database, bulk-loads tickets into the demo compound, then times
// sequential requests through inject (no network) for each list scope, first page and a deep page.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'
import { seedTickets } from './seed-scale'
import { freshDatabase } from './support'

const usePg = process.argv.includes('--postgres')

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function scenario(total: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-repairs-'))
  const db = await freshDatabase(dir, usePg, `repairs_${total}`)
  const app = await buildApp({ ...loadConfig({}, { databaseUrl: db.url, dataDir: dir, demo: true, h5Dir: path.join(dir, 'none') }), rateLimitMax: 10_000_000 })
  const k = app.deps.db
  const users = new Map((await k.selectFrom('users').select(['id', 'demo_persona']).execute()).map((u) => [u.demo_persona, u.id]))
  const homes = await k.selectFrom('households').select(['id', 'community_id', 'building_id']).where('community_id', '=', 1).execute()
  const resident = users.get('resident')!
  const worker = users.get('worker')!
  const t0 = Date.now()
  await k.transaction().execute((tx) => seedTickets(tx, { communityId: 1, count: total, households: homes, reporterIds: [resident, users.get('elder')!], workerId: worker }))
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
