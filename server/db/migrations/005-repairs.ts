import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

export function repairs(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('repair_tickets'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('location_kind', 'text', (c) => c.notNull())
        .addColumn('household_id', 'integer', (c) => c.references('households.id'))
        .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
        .addColumn('location_text', 'text', (c) => c.notNull())
        .addColumn('lat_micro', 'integer')
        .addColumn('long_micro', 'integer')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state_group', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
        // Null for tickets that came in through Open311 (the key that filed them is recorded instead).
        .addColumn('reporter_id', 'integer', (c) => c.references('users.id'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('open311_key_id', 'integer')
        .addColumn('media_url', 'text')
        .addColumn('contact_phone', 'text')
        .addColumn('preferred_time', 'text')
        .addColumn('sla_due_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('rating_overall', 'integer')
        .addColumn('rating_speed', 'integer')
        .addColumn('rating_attitude', 'integer')
        .addColumn('rating_comment', 'text')
        .addColumn('rated_at', 'text')
        .addColumn('me_too_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('idempotency_key', 'text')
        .addColumn('last_urged_at', 'text')
        // Same key from the same person = the same ticket (NULL keys never collide on either engine).
        .addUniqueConstraint('repair_tickets_idempotency', ['reporter_id', 'idempotency_key'])
        .execute()
      // Staff queue: open/closed tickets of a community by deadline (keyset on sla_due_at, id).
      await db.schema.createIndex('repair_tickets_queue').on('repair_tickets').columns(['community_id', 'state_group', 'sla_due_at', 'id']).execute()
      await db.schema.createIndex('repair_tickets_reporter').on('repair_tickets').columns(['reporter_id', 'id']).execute()
      await db.schema.createIndex('repair_tickets_household').on('repair_tickets').columns(['household_id', 'id']).execute()
      await db.schema.createIndex('repair_tickets_assignee').on('repair_tickets').columns(['assignee_id', 'state_group', 'sla_due_at', 'id']).execute()
      await db.schema.createIndex('repair_tickets_public').on('repair_tickets').columns(['community_id', 'location_kind', 'id']).execute()
      await db.schema.createIndex('repair_tickets_resolved').on('repair_tickets').columns(['status', 'resolved_at']).execute()

      // Append-only: rows are inserted, never updated or deleted.
      await idColumn(engine, db.schema.createTable('ticket_events'))
        .addColumn('ticket_id', 'integer', (c) => c.notNull().references('repair_tickets.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('assignee_id', 'integer')
        /** JSON array of upload ids. */
        .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute()
      await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute()

      await db.schema
        .createTable('ticket_me_too')
        .addColumn('ticket_id', 'integer', (c) => c.notNull().references('repair_tickets.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_me_too_pk', ['ticket_id', 'user_id'])
        .execute()

      await idColumn(engine, db.schema.createTable('open311_keys'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute()
    },
  }
}
