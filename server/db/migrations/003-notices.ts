import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

export function notices(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('notices'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('requires_ack', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('publish_at', 'text', (c) => c.notNull())
        .addColumn('expire_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('withdrawn_at', 'text')
        .addColumn('reminded_at', 'text')
        .execute()
      // The list: newest first within a community, pinned on top; keyset on (pinned, publish_at, id).
      await db.schema.createIndex('notices_list').on('notices').columns(['community_id', 'pinned', 'publish_at', 'id']).execute()

      await db.schema
        .createTable('notice_buildings')
        .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
        .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
        .addPrimaryKeyConstraint('notice_buildings_pk', ['notice_id', 'building_id'])
        .execute()
      await db.schema.createIndex('notice_buildings_building').on('notice_buildings').columns(['building_id', 'notice_id']).execute()

      // One receipt per person and notice: the unique index makes concurrent first reads idempotent.
      await idColumn(engine, db.schema.createTable('notice_receipts'))
        .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addColumn('acked_at', 'text')
        .addUniqueConstraint('notice_receipts_unique', ['notice_id', 'user_id'])
        .execute()
      await db.schema.createIndex('notice_receipts_user').on('notice_receipts').columns(['user_id', 'notice_id']).execute()
    },
  }
}
