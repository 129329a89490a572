import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

/**
 * Polls and ballots. One ballot per household and poll is a unique index (casting is an upsert on it);
 * every cast, change and paper entry is also appended to ballot_history, which is never updated.
 */
export function polls(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('polls'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('max_choices', 'integer', (c) => c.notNull())
        .addColumn('legal_rule', 'text', (c) => c.notNull())
        .addColumn('voters', 'text', (c) => c.notNull())
        .addColumn('secret', 'integer', (c) => c.notNull())
        .addColumn('results_visibility', 'text', (c) => c.notNull())
        // draft | open | closed | cancelled; "scheduled" and closing by time are derived from the times
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text')
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('close_reason', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('polls_community').on('polls').columns(['community_id', 'id']).execute()

      await idColumn(engine, db.schema.createTable('poll_options'))
        .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addUniqueConstraint('poll_options_position', ['poll_id', 'position'])
        .execute()

      // No rows means the whole community.
      await db.schema
        .createTable('poll_buildings')
        .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id'))
        .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
        .addPrimaryKeyConstraint('poll_buildings_pk', ['poll_id', 'building_id'])
        .execute()
      await db.schema.createIndex('poll_buildings_building').on('poll_buildings').columns(['building_id', 'poll_id']).execute()

      await idColumn(engine, db.schema.createTable('ballots'))
        .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id'))
        .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
        // option ids, ascending, as a JSON array
        .addColumn('choices', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('cast_by', 'integer', (c) => c.notNull().references('users.id'))
        // random, shown to the household; kept when the vote changes
        .addColumn('receipt', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ballots_poll_household', ['poll_id', 'household_id'])
        .execute()

      await idColumn(engine, db.schema.createTable('ballot_history'))
        .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id'))
        .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
        // cast | change | paper | override
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('choices', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text')
        .addColumn('note', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('ballot_history_poll').on('ballot_history').columns(['poll_id', 'household_id', 'id']).execute()
    },
  }
}
