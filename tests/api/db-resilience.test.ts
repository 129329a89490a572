import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../../server/db'
import { waitFor } from '../support/wait'
import { bearer, build, ENGINE, login } from './helper'

const pgOnly = ENGINE === 'postgres' ? test : test.skip

pgOnly('PostgreSQL closing the idle connections (a restart, an administrator) does not end the server; the next request works', async () => {
  const t = await build({ backgroundJobs: false })
  try {
    const token = await login(t.app, 'resident')
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notices', headers: bearer(token) })).statusCode).toBe(200)
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' })
    await admin.connect()
    const name = new URL(t.config.databaseUrl).pathname.slice(1)
    const others = 'FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()'
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) ${others}`, [name])
    expect(killed.rowCount).toBeGreaterThan(0)
    // pg_terminate_backend only sends the signal: wait until those backends have exited.
    const gone = await waitFor(async () => (await admin.query(`SELECT pid ${others}`, [name])).rowCount === 0, 5000)
    await admin.end()
    expect(gone).toBe(true)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notices', headers: bearer(token) })).statusCode).toBe(200)
  } finally {
    await t.close()
  }
})

const sqliteOnly = ENGINE === 'sqlite' ? test : test.skip

sqliteOnly('the checkpoint worker copies the log into the database file while the server only writes', async () => {
  // A database of its own: nothing but this test writes to it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-db-'))
  const file = path.join(dir, 'test.db')
  const handle = openDatabase(`sqlite:${file}`)
  try {
    await sql`CREATE TABLE t (v TEXT NOT NULL)`.execute(handle.db)
    const before = fs.statSync(file).size
    // 500 commits of 1 KB: far below SQLite's own checkpoint threshold, so only the worker moves them.
    for (let i = 0; i < 500; i++) await sql`INSERT INTO t (v) VALUES (${String(i).padEnd(1000, '.')})`.execute(handle.db)
    await waitFor(() => fs.statSync(file).size >= before + 400_000, 4_000)
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before + 400_000)
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(handle.db)
    expect(rows.rows[0]!.n).toBe(500)
  } finally {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
