import { sql, type Kysely } from 'kysely'

/**
 * The WeChat subscribe-message channel next to the in-app one, and the two poll notifications sent by a job.
 *
 * outbox.wx_status is the row's state on the WeChat channel: null when the row does not go to WeChat (no template for
 * its kind, WeChat not configured, or the person turned the kind off), else pending → sending → sent | refused |
 * skipped | failed | unknown. wx_due_at is when a pending row may be tried next, and for a row in 'sending' when its
 * lease ends (after which it is recorded as 'unknown', never sent again).
 *
 * polls.closing_notified_at / results_notified_at are set in the same transaction that enqueues the reminder or the
 * results message, so each is sent once however many instances run the job.
 */
export function notificationChannels() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('outbox').addColumn('wx_status', 'text').execute()
      await db.schema.alterTable('outbox').addColumn('wx_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute()
      await db.schema.alterTable('outbox').addColumn('wx_due_at', 'text').execute()
      await db.schema.alterTable('outbox').addColumn('wx_done_at', 'text').execute()
      await db.schema.alterTable('outbox').addColumn('wx_error', 'text').execute()
      await db.schema.createIndex('outbox_wx_due').on('outbox').columns(['wx_status', 'wx_due_at']).execute()

      await db.schema.alterTable('polls').addColumn('closing_notified_at', 'text').execute()
      await db.schema.alterTable('polls').addColumn('results_notified_at', 'text').execute()
      // Polls that ended before this migration announced nothing and should not start now.
      const now = new Date().toISOString()
      await sql`UPDATE polls SET results_notified_at = ${now}, closing_notified_at = ${now}
                WHERE status IN ('closed', 'cancelled') OR (status = 'open' AND closes_at <= ${now})`.execute(db)
    },
  }
}
