import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import type { Persona } from '../../types/identity'
import { buildApp } from '../../server/app'
import { loadConfig, type Config } from '../../server/config'

export const ENGINE = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite'
const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

let counter = 0

/** A fresh, empty database for one test app: a temp SQLite file, or a new PostgreSQL database dropped afterwards. */
export async function freshDatabase(dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (ENGINE === 'sqlite') return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => undefined }
  const name = `linli_t_${process.pid}_${Date.now().toString(36)}_${counter++}`
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

export interface TestApp {
  app: FastifyInstance
  config: Config
  close: () => Promise<void>
}

/** A clock a test moves by hand (pass `now` to build): time-based rules are tested without waiting. */
export function testClock(start = Date.now()) {
  let t = start
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms
    },
  }
}

/** Builds the real app (buildApp) on a fresh database with the demo compounds seeded, unless told otherwise. */
export async function build(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}, options: { now?: () => Date } = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'))
  const db = await freshDatabase(dir)
  const config = { ...loadConfig(env, { databaseUrl: db.url, dataDir: dir, demo: true, h5Dir: path.join(dir, 'no-h5') }), ...overrides }
  const app = await buildApp(config, { now: options.now })
  return {
    app,
    config,
    close: async () => {
      await app.close()
      await db.drop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function login(app: FastifyInstance, persona: Persona): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/demo', payload: { persona } })
  if (res.statusCode !== 200) throw new Error(`demo login ${persona} failed: ${res.statusCode} ${res.body}`)
  return res.json().token as string
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Asserts the error format every failure must have, and returns the code. */
export function errorCode(res: { statusCode: number; json: () => unknown }): string {
  const body = res.json() as { error?: { code?: unknown; message?: unknown } }
  expect(typeof body.error?.code).toBe('string')
  expect(typeof body.error?.message).toBe('string')
  return body.error!.code as string
}
