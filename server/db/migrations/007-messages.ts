import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

/** The in-app message centre (one row per delivered outbox row) and each person's choice of what reaches them. */
export function messages(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('messages'))
        // Unique: delivering the same outbox row twice (a retry, a second instance) cannot make a second message.
        .addColumn('outbox_id', 'integer', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute()
      await db.schema.createIndex('messages_user').on('messages').columns(['user_id', 'id']).execute()
      await db.schema
        .createTable('notification_prefs')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_prefs_pk', ['user_id', 'kind'])
        .execute()
    },
  }
}
