import pg from 'pg'
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
    const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
    await admin.end()
    expect(killed.rowCount).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 200))
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notices', headers: bearer(token) })).statusCode).toBe(200)
  } finally {
    await t.close()
  }
})
