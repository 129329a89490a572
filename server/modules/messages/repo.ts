import type { Insertable, Updateable } from 'kysely'
import type { NotificationKind } from '../../../types/messages'
import type { Engine, Queryable } from '../../db'
import type { MessageTable, OutboxTable } from '../../db/schema'

export async function listForUser(db: Queryable, userId: number, beforeId: number | null, limit: number) {
  let q = db.selectFrom('messages').select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at']).where('user_id', '=', userId)
  if (beforeId !== null) q = q.where('id', '<', beforeId)
  return q.orderBy('id', 'desc').limit(limit + 1).execute()
}

export async function countUnread(db: Queryable, userId: number): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Marks one of the person's own messages read; false when there is no such message of theirs. */
export async function markRead(db: Queryable, userId: number, id: number, now: string): Promise<boolean> {
  const own = await db.selectFrom('messages').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  if (!own) return false
  if (!own.read_at) await db.updateTable('messages').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute()
  return true
}

export async function markAllRead(db: Queryable, userId: number, now: string) {
  await db.updateTable('messages').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).execute()
}

export async function preferences(db: Queryable, userId: number) {
  return db.selectFrom('notification_prefs').select(['kind', 'enabled']).where('user_id', '=', userId).execute()
}

export async function setPreference(db: Queryable, userId: number, kind: NotificationKind, enabled: boolean) {
  await db
    .insertInto('notification_prefs')
    .values({ user_id: userId, kind, enabled: enabled ? 1 : 0 })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ enabled: enabled ? 1 : 0 }))
    .execute()
}

// ---------------------------------------------------------------- the outbox, as the delivery workers see it

/**
 * Rows due for in-app delivery. On PostgreSQL they are locked with SKIP LOCKED, so several instances share the
 * work and each row goes to one of them; SQLite has a single writer.
 */
export async function claimDue(db: Queryable, engine: Engine, at: string, limit: number) {
  let q = db.selectFrom('outbox').select(['id', 'user_id', 'kind', 'title', 'body', 'link', 'attempts']).where('status', '=', 'pending').where('deliver_after', '<=', at).orderBy('id').limit(limit)
  if (engine === 'postgres') q = q.forUpdate().skipLocked()
  return q.execute()
}

export async function preferencesOf(db: Queryable, userIds: number[]) {
  return db.selectFrom('notification_prefs').select(['user_id', 'kind', 'enabled']).where('user_id', 'in', userIds).execute()
}

/** One message per outbox row; a row delivered before (a retried batch) adds nothing. */
export async function insertMessages(db: Queryable, rows: Insertable<MessageTable>[]) {
  if (rows.length === 0) return
  await db.insertInto('messages').values(rows).onConflict((oc) => oc.column('outbox_id').doNothing()).execute()
}

export async function markDelivered(db: Queryable, ids: number[], at: string) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set((eb) => ({ status: 'delivered', delivered_at: at, attempts: eb('attempts', '+', 1) })).where('id', 'in', ids).execute()
}

/** Delivered in the app and now waiting for the WeChat channel. */
export async function markDeliveredForWechat(db: Queryable, ids: number[], at: string) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set((eb) => ({ status: 'delivered', delivered_at: at, attempts: eb('attempts', '+', 1), wx_status: 'pending', wx_due_at: at })).where('id', 'in', ids).execute()
}

export async function markSkipped(db: Queryable, ids: number[], at: string, reason: string) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set({ status: 'skipped', delivered_at: at, last_error: reason }).where('id', 'in', ids).execute()
}

/** Rows still 'sending' after their lease: written off as 'unknown'; returns how many. */
export async function writeOffLostSends(db: Queryable, at: string, reason: string): Promise<number> {
  const res = await db.updateTable('outbox').set({ wx_status: 'unknown', wx_done_at: at, wx_error: reason }).where('wx_status', '=', 'sending').where('wx_due_at', '<=', at).executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** Rows due on the WeChat channel, claimed like `claimDue`. */
export async function claimWechatDue(db: Queryable, engine: Engine, at: string, limit: number) {
  let q = db.selectFrom('outbox').select(['id', 'user_id', 'kind', 'title', 'body', 'link', 'created_at', 'wx_attempts']).where('wx_status', '=', 'pending').where('wx_due_at', '<=', at).orderBy('id').limit(limit)
  if (engine === 'postgres') q = q.forUpdate().skipLocked()
  return q.execute()
}

export async function openidsOf(db: Queryable, userIds: number[]): Promise<Map<number, string | null>> {
  const rows = await db.selectFrom('users').select(['id', 'wechat_openid']).where('id', 'in', [...new Set(userIds)]).execute()
  return new Map(rows.map((u) => [u.id, u.wechat_openid]))
}

export async function skipWechat(db: Queryable, ids: number[], at: string, reason: string) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set({ wx_status: 'skipped', wx_done_at: at, wx_error: reason }).where('id', 'in', ids).execute()
}

/** Marks rows 'sending' until `leaseEnds` and counts the attempt. */
export async function leaseWechat(db: Queryable, ids: number[], leaseEnds: string) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set((eb) => ({ wx_status: 'sending', wx_due_at: leaseEnds, wx_attempts: eb('wx_attempts', '+', 1) })).where('id', 'in', ids).execute()
}

/** Hands leased rows back untouched: pending again, the attempt not counted. */
export async function releaseWechat(db: Queryable, ids: number[], at: string) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set((eb) => ({ wx_status: 'pending', wx_due_at: at, wx_attempts: eb('wx_attempts', '-', 1) })).where('id', 'in', ids).where('wx_status', '=', 'sending').execute()
}

/** A send's outcome; a late answer still tells the truth about a row already written off as 'unknown'. */
export async function recordWechat(db: Queryable, id: number, changes: Pick<Updateable<OutboxTable>, 'wx_status' | 'wx_due_at' | 'wx_done_at' | 'wx_error'>) {
  await db.updateTable('outbox').set(changes).where('id', '=', id).where('wx_status', 'in', ['sending', 'unknown']).execute()
}
