import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

/**
 * The sorting dictionary, each compound's drop-off schedule, and searches that found nothing.
 * The built-in dictionary (community_id 0) is loaded from dataset.json at start whenever its version changes
 * (server/modules/sorting/service.ts syncDictionary), so a new data file needs no new migration.
 */
export function sorting(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('sorting_items'))
        // 0 for the built-in dictionary; otherwise the compound whose staff added the item.
        .addColumn('community_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('tip', 'text')
        .addColumn('pinyin', 'text', (c) => c.notNull())
        .addColumn('initials', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('sorting_items_name', ['community_id', 'name'])
        .execute()

      await idColumn(engine, db.schema.createTable('sorting_schedules'))
        .addColumn('community_id', 'integer', (c) => c.notNull().unique().references('communities.id'))
        .addColumn('slots', 'text', (c) => c.notNull())
        .addColumn('places', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()

      await idColumn(engine, db.schema.createTable('sorting_misses'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('sorting_misses_query', ['community_id', 'query'])
        .execute()
      // Staff list: most-missed first (keyset on count, last_at, id).
      await db.schema.createIndex('sorting_misses_rank').on('sorting_misses').columns(['community_id', 'count', 'last_at', 'id']).execute()
    },
  }
}
