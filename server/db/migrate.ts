import { Migrator, type Migration, type MigrationProvider } from 'kysely'
import type { DatabaseHandle } from './index'
import { identity } from './migrations/001-identity'
import { outbox } from './migrations/002-outbox'
import { notices } from './migrations/003-notices'
import { messages } from './migrations/007-messages'
import { polls } from './migrations/004-polls'
import { repairs } from './migrations/005-repairs'
import { sorting } from './migrations/006-sorting'
import { notificationChannels } from './migrations/008-notification-channels'

/** Migrations live in code (not read from disk), so the same list runs from source, tests and bundles. */
function migrations(engine: DatabaseHandle['engine']): Record<string, Migration> {
  return {
    '001-identity': identity(engine),
    '002-outbox': outbox(engine),
    '003-notices': notices(engine),
    '004-polls': polls(engine),
    '005-repairs': repairs(engine),
    '006-sorting': sorting(engine),
    '007-messages': messages(engine),
    '008-notification-channels': notificationChannels(),
  }
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(handle.engine) }
  const migrator = new Migrator({ db: handle.db, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
