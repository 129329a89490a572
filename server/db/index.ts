import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { startCheckpointer, type Checkpointer } from './checkpointer'
import { WalSync } from './wal-sync'

export type Engine = 'sqlite' | 'postgres'
export type Db = Kysely<Database>
export type Tx = Transaction<Database>
/** Repos accept either the root handle or a transaction. */
export type Queryable = Db | Tx

export interface DatabaseHandle {
  db: Db
  engine: Engine
  /** Resolves once every write committed so far is on disk (acknowledge a write only after it). */
  durable(): Promise<void>
  close(): Promise<void>
}

// PostgreSQL returns COUNT(*) and other int8 values as strings; ours always fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v))

/**
 * `onBackgroundError` hears what goes wrong outside any request: PostgreSQL closed a connection that sat idle in the
 * pool (a restart, an administrator; the pool drops it and opens a new one when needed, and without a listener the
 * event would end the process), or SQLite's checkpoint worker failed (SQLite's own checkpoint takes over).
 */
export function openDatabase(url: string, onBackgroundError: (err: Error) => void = () => undefined): DatabaseHandle {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length)
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    const raw = new SqliteDatabase(file)
    raw.pragma('journal_mode = WAL')
    // An acknowledged ballot or ticket must survive a power cut, not only a process crash. Commits write the log
    // without waiting for the disk; `durable()` syncs it off the event loop before a write is acknowledged.
    raw.pragma('synchronous = NORMAL')
    raw.pragma('foreign_keys = ON')
    raw.pragma('busy_timeout = 5000')
    const onDisk = file !== ':memory:'
    const wal = onDisk ? WalSync.forFile(`${path.resolve(file)}-wal`) : null
    let checkpointer: Checkpointer | null = null
    if (onDisk) {
      // Checkpoints run in a worker (see checkpointer.ts). Under a steady stream of commits the worker rarely
      // catches up at the very moment a transaction starts, which is when the log starts over; SQLite's own
      // checkpoint at 4,000 pages (16 MB) then finishes the little the worker left and the log restarts. At its
      // usual 1,000 pages it takes over if the worker fails.
      raw.pragma('wal_autocheckpoint = 4000')
      checkpointer = startCheckpointer(path.resolve(file), (err) => {
        if (raw.open) raw.pragma('wal_autocheckpoint = 1000')
        onBackgroundError(err)
      })
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw, wal) }) })
    return {
      db,
      engine: 'sqlite',
      durable: () => wal?.flush() ?? Promise.resolve(),
      close: async () => {
        await checkpointer?.stop()
        await wal?.close()
        await db.destroy()
      },
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  pool.on('error', onBackgroundError)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  // PostgreSQL's COMMIT returns once the commit is on disk (synchronous_commit).
  return { db, engine: 'postgres', durable: () => Promise.resolve(), close: () => db.destroy() }
}

/**
 * Kysely prepares every query anew; preparing costs more than running a short indexed query. Queries are built
 * from a fixed set of shapes (values are bound, never inlined), so a small cache of prepared statements keyed by
 * SQL text is hit almost always.
 */
function withStatementCache(raw: SqliteDatabase.Database, wal: WalSync | null, max = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>()
  const writing = new WeakMap<SqliteDatabase.Statement, boolean>()
  const writes = (stmt: SqliteDatabase.Statement, sqlText: string) => {
    let w = writing.get(stmt)
    if (w === undefined) writing.set(stmt, (w = !stmt.readonly || /^\s*(commit|end|release)\b/i.test(sqlText)))
    return w
  }
  return {
    close: () => raw.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText)
      if (stmt) {
        // Refresh its place in the LRU order.
        cache.delete(sqlText)
      } else {
        stmt = raw.prepare(sqlText)
        if (cache.size >= max) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sqlText, stmt)
      // Kysely prepares each statement right before running it: a writing one (and the COMMIT that puts a
      // transaction's pages into the log) makes the log need a sync.
      if (wal && writes(stmt, sqlText)) wal.markWrite()
      return stmt
    },
  }
}
