import type { Queryable } from '../../db'

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

export async function setPreference(db: Queryable, userId: number, kind: string, enabled: boolean) {
  await db
    .insertInto('notification_prefs')
    .values({ user_id: userId, kind, enabled: enabled ? 1 : 0 })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ enabled: enabled ? 1 : 0 }))
    .execute()
}
