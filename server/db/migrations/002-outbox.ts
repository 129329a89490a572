import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

/**
 * Notifications are written here in the same transaction as the event that causes them, and delivered
 * afterwards (in-app message centre, WeChat subscribe messages). Delivery is the notifications issue's work.
 */
export function outbox(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('outbox'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('community_id', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deliver_after', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('last_error', 'text')
        .execute()
      await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'deliver_after']).execute()
      await db.schema.createIndex('outbox_user').on('outbox').columns(['user_id', 'id']).execute()
    },
  }
}
