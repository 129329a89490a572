import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

export type Engine = 'sqlite' | 'postgres'
export type Db = Kysely<Database>
export type Tx = Transaction<Database>
/** Repos accept either the root handle or a transaction. */
export type Queryable = Db | Tx

export interface DatabaseHandle {
  db: Db
  engine: Engine
  close(): Promise<void>
}

// PostgreSQL returns COUNT(*) and other int8 values as strings; ours always fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v))

export function openDatabase(url: string): DatabaseHandle {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length)
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    const raw = new SqliteDatabase(file)
    raw.pragma('journal_mode = WAL')
    // An acknowledged ballot or ticket must survive a power cut, not only a process crash.
    raw.pragma('synchronous = FULL')
    raw.pragma('foreign_keys = ON')
    raw.pragma('busy_timeout = 5000')
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
    return { db, engine: 'sqlite', close: () => db.destroy() }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, engine: 'postgres', close: () => db.destroy() }
}

export function nowIso(): string {
  return new Date().toISOString()
}
