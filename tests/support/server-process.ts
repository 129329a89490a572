/**
 * Starts the real server (server/main.ts) as a child process on a free port with a fresh SQLite database
 * and the demo compounds, the way `npm start` runs it, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

export interface ServerProcess {
  origin: string
  dataDir: string
  stop: () => Promise<void>
}

const ROOT = path.resolve(__dirname, '../..')

export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-srv-'))
  const { origin, child } = await spawnServer({ DEMO: 'true', DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, 'e2e.db')}`, ...env })
  return {
    origin,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Runs server/main.ts on a free port with `env` (DATABASE_URL, DATA_DIR, ...) and resolves once it listens; the caller ends it. */
export async function spawnServer(env: Record<string, string>): Promise<{ origin: string; child: ChildProcess }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /is running: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return { origin, child }
}

/** A plain HTTP call with node:http (available in every Jest environment, unlike fetch under jsdom). */
export function httpRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, text }))
    })
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}
