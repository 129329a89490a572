// Durable ballot casting under load, on its own: `npx tsx bench/polls-cast.ts [--postgres] [--duration=SEC]
// [--connections=N] [--profile=DIR]`. The real server on a fresh database with 2,000 owner households and an open
// poll; autocannon sends PUT /polls/:id/ballot from 200 connections, each request as a different household (so the
// run is casting and changing ballots), and a bare Fastify route is measured in the same run for the ratio.
// `npm run bench` runs the same scenario among the others.
// Target (ARCHITECTURE.md): ≥ 3,000 ballots/s at 200 concurrent clients, p99 ≤ 100 ms, on 2 cores.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../server/db'
import { migrateToLatest } from '../server/db/migrate'
import { grantRole, seedOpenPoll, seedScale } from './seed-scale'
import { freshDatabase, loadAverage, measure, parseArgs, printTable, sessionsFor, startBare, startServer, type Scenario } from './support'

/** Each request a different household's owner, choices in turn: a run casts every ballot once, then changes them. */
export function ballotScenario(api: string, poll: { pollId: number; optionIds: number[] }, tokens: string[], connections = 200): Scenario {
  return {
    name: 'ballot casting (durable), 2,000 households',
    url: `${api}/polls/${poll.pollId}/ballot`,
    method: 'PUT',
    connections,
    request: (n) => ({
      headers: { authorization: `Bearer ${tokens[n % tokens.length]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ choices: [poll.optionIds[n % poll.optionIds.length]] }),
    }),
  }
}

async function main() {
  const args = parseArgs()
  const usePostgres = args.has('postgres')
  const duration = Number(args.get('duration') ?? 8)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-polls-'))
  const database = await freshDatabase(dir, usePostgres, 'polls')
  const handle = openDatabase(database.url)
  await migrateToLatest(handle)
  const c = await handle.db.transaction().execute((tx) => seedScale(tx, 'polls', { households: 2000, notices: 0, receipts: 0 }))
  const poll = await seedOpenPoll(handle.db, c.communityId, await grantRole(handle.db, c.communityId, 'staff', '物业'))
  const tokens = await sessionsFor(handle.db, c.userIds, 'ballot')
  await handle.close()

  const server = await startServer(database.url, dir, args.get('profile'))
  const bare = await startBare()
  const connections = Number(args.get('connections') ?? 200)
  const loadBefore = loadAverage()
  try {
    const baseline = await measure({ name: 'bare Fastify JSON route (baseline)', url: `http://127.0.0.1:${bare.port}/bare`, connections }, duration, bare)
    const cast = await measure(ballotScenario(`http://127.0.0.1:${server.port}/api/v1`, poll, tokens, connections), duration, server)
    cast.ratio = Math.round((cast.rps / baseline.rps) * 1000) / 1000
    console.log(`engine ${usePostgres ? 'postgres' : 'sqlite'}, ${duration} s per scenario, ${os.cpus().length} cores, load ${loadBefore} → ${loadAverage()}`)
    printTable([baseline, cast])
    console.log(`target ≥ 3000/s and p99 ≤ 100 ms: ${cast.rps >= 3000 && cast.p99 <= 100 ? 'met' : 'NOT MET'}`)
  } finally {
    server.child.kill('SIGTERM')
    bare.child.kill('SIGTERM')
  }
  await database.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
