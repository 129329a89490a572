import type { Queryable } from './db'

import type { NotificationKind } from '../types/messages'

export type { NotificationKind }

export interface Notification {
  userId: number
  communityId: number
  kind: NotificationKind
  title: string
  body: string
  /** The app page it opens, e.g. `/pages/notices/detail?id=12`. */
  link: string
  /** Not before this time (a scheduled notice notifies when it is published). Default: now. */
  deliverAfter?: string
}

/** Records notifications in the caller's transaction, so an event and its notifications commit together. */
export async function enqueueNotifications(db: Queryable, items: Notification[], at: Date): Promise<void> {
  if (items.length === 0) return
  const now = at.toISOString()
  // Batches keep each INSERT under SQLite's bound-parameter limit.
  for (let i = 0; i < items.length; i += 500) {
    await db
      .insertInto('outbox')
      .values(
        items.slice(i, i + 500).map((n) => ({
          user_id: n.userId,
          community_id: n.communityId,
          kind: n.kind,
          title: n.title.slice(0, 100),
          body: n.body.slice(0, 500),
          link: n.link,
          status: 'pending',
          attempts: 0,
          created_at: now,
          deliver_after: n.deliverAfter ?? now,
        })),
      )
      .execute()
  }
}
