// What the benchmark scripts share: a fresh database to load and a way to start a server process and learn its port.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import pg from 'pg'

export const ROOT = path.resolve(__dirname, '..')

export function parseArgs(argv = process.argv.slice(2)): Map<string, string | undefined> {
  return new Map(argv.map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]))
}

/** A new SQLite file in `dir`, or a new PostgreSQL database (TEST_POSTGRES_URL) that `drop` removes. */
export async function freshDatabase(dir: string, usePostgres: boolean, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!usePostgres) return { url: `sqlite:${path.join(dir, 'bench.db')}`, drop: async () => undefined }
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

/** Runs a TypeScript entry point in its own process and resolves with the port it prints (first group of `ready`). */
export function startProcess(file: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start:\n${out}`)), 60_000)
    const onData = (d: Buffer) => {
      out += d.toString()
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
