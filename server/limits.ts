import { sql } from 'kysely'
import type { Deps } from './context'
import { AppError } from './errors'

/**
 * A fixed-window counter kept in the database, so every server instance shares it.
 * Throws 429 once `key` has been hit more than `limit` times in the current window.
 */
export async function hitLimit(deps: Pick<Deps, 'db' | 'now'>, key: string, limit: number, windowSeconds: number, message?: string): Promise<void> {
  const windowMs = windowSeconds * 1000
  const windowStart = new Date(Math.floor(deps.now().getTime() / windowMs) * windowMs).toISOString()
  const row = await deps.db
    .insertInto('rate_counters')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`CASE WHEN rate_counters.window_start = excluded.window_start THEN rate_counters.count + 1 ELSE 1 END`,
        window_start: sql<string>`excluded.window_start`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow()
  if (row.count > limit) throw new AppError(429, 'RATE_LIMITED', message)
}
