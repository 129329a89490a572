// What the benchmark scripts share: a fresh database, the server and the bare baseline in their own processes,
// sessions to load them with, one way to run a scenario with autocannon, and the table.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { sha256 } from '../server/crypto'
import type { Queryable } from '../server/db'

export const ROOT = path.resolve(__dirname, '..')

export function parseArgs(argv = process.argv.slice(2)): Map<string, string | undefined> {
  return new Map(argv.map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]))
}

/** A new SQLite file in `dir`, or a new PostgreSQL database (TEST_POSTGRES_URL) that `drop` removes. */
export async function freshDatabase(dir: string, usePostgres: boolean, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!usePostgres) return { url: `sqlite:${path.join(dir, `${label}.db`)}`, drop: async () => undefined }
  const admin = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `linli_bench_${label}_${process.pid}`
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin })
    await c.connect()
    await c.query(sql)
    await c.end()
  }
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await run(`CREATE DATABASE ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

export interface Started {
  child: ChildProcess
  port: number
}

/** Runs a TypeScript entry point in its own process and resolves with the port it prints (first group of `ready`). */
export function startProcess(file: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start:\n${out}`)), 60_000)
    const onData = (d: Buffer) => {
      // Keep only the start of the output: enough to find the port or explain a failure.
      if (out.length < 64 * 1024) out += d.toString()
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, port: Number(m[1]) })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`${file} exited ${code}:\n${out}`)))
  })
}

/**
 * The real server (server/main.ts) on `databaseUrl`, as it runs in production but for the log level (warn: a
 * request log line per request would measure the log pipe) and the rate limit. `profileDir` writes a CPU profile.
 */
export function startServer(databaseUrl: string, dir: string, profileDir?: string): Promise<Started> {
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dir, DEMO: 'false', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '10000000', H5_DIR: path.join(dir, 'none') }
  return startProcess('server/main.ts', env, /is running: http:\/\/127\.0\.0\.1:(\d+)\//, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])
}

/** The baseline: a bare Fastify JSON route in its own process (bench/bare-server.ts). */
export function startBare(): Promise<Started> {
  return startProcess('bench/bare-server.ts', {}, /listening (\d+)/)
}

/** A session for each user, written straight into the database; returns the bearer tokens in the same order. */
export async function sessionsFor(db: Queryable, userIds: number[], label: string): Promise<string[]> {
  const tokens = userIds.map((id) => `bench-${label}-${id}-${'x'.repeat(20)}`)
  const expires = new Date(Date.now() + 86400_000).toISOString()
  const now = new Date().toISOString()
  for (let i = 0; i < userIds.length; i += 500) {
    await db
      .insertInto('sessions')
      .values(userIds.slice(i, i + 500).map((id, k) => ({ user_id: id, token_hash: sha256(tokens[i + k]!), expires_at: expires, created_at: now })))
      .execute()
  }
  return tokens
}

export interface Scenario {
  name: string
  /** Full URL of the first request; `request` may change the path, headers and body of each one. */
  url: string
  connections?: number
  method?: 'GET' | 'PUT' | 'POST'
  /** The n-th request: tokens are spread over the requests so a run is many people, not one. */
  request?: (n: number) => { path?: string; headers?: Record<string, string>; body?: string }
}

export interface Row {
  scenario: string
  connections: number
  rps: number
  p50: number
  p99: number
  /** Milliseconds of CPU the serving process spent per request (user + system): steadier than req/s on a busy machine. */
  cpuMs: number | null
  ratio?: number
  errors: number
}

/** User + system CPU seconds a process has used so far (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/**
 * Loads one scenario with autocannon for `duration` seconds, after an unmeasured warm-up (half of that, at most
 * 4 s: the ballot path takes a few seconds of load to be compiled by the JIT) so the measured part is the steady
 * state; `server` is the process whose CPU is counted.
 */
export async function measure(s: Scenario, duration: number, server: Started): Promise<Row> {
  let n = 0
  const connections = s.connections ?? 50
  const run = (seconds: number) =>
    autocannon({
      url: s.url,
      connections,
      duration: seconds,
      requests: [
        {
          method: s.method ?? 'GET',
          ...(s.request ? { setupRequest: (req) => ({ ...req, ...s.request!(n++) }) } : {}),
        },
      ],
    })
  await run(Math.min(4, duration / 2))
  const cpuBefore = cpuSeconds(server.child.pid)
  const result = await run(duration)
  const cpuAfter = cpuSeconds(server.child.pid)
  const errors = result.errors + result.timeouts + result.non2xx
  const cpuMs = cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? Math.round(((cpuAfter - cpuBefore) * 1000 * 1000) / result.requests.total) / 1000 : null
  return { scenario: s.name, connections, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, cpuMs, errors }
}

/** `uptime`'s load averages: the numbers only mean something next to how busy the machine was. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

export function printTable(rows: Row[]) {
  const head = `${'scenario'.padEnd(48)} ${'conns'.padStart(5)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× bare'.padStart(7)} ${'cpu ms/req'.padStart(10)} ${'errors'.padStart(6)}`
  console.log(`\n${head}`)
  for (const r of rows) {
    const cells = [r.connections, r.rps, r.p50, r.p99, r.ratio ?? '', r.cpuMs ?? '']
    const widths = [5, 7, 7, 7, 7, 10]
    console.log(`${r.scenario.padEnd(48)} ${cells.map((c, i) => String(c).padStart(widths[i]!)).join(' ')} ${String(r.errors).padStart(6)}`)
  }
}
