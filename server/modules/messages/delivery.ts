import type { FastifyInstance } from 'fastify'
import { NOTIFICATION_DEFAULTS, type NotificationKind } from '../../../types/messages'
import type { Deps } from '../../context'
import { every } from '../../jobs'

const BATCH = 100
const EVERY_MS = 1000

/**
 * Delivers due outbox rows to the in-app message centre. Each batch is one transaction: the rows are claimed,
 * turned into messages and marked delivered together, so a crash delivers nothing twice and loses nothing
 * (the rows stay pending and the next run takes them). On PostgreSQL the claim uses FOR UPDATE SKIP LOCKED, so
 * several instances share the work and each row is taken by exactly one of them; SQLite has a single writer.
 * Returns how many rows this call handled.
 */
export async function deliverDue(deps: Deps, now = deps.now()): Promise<number> {
  const at = now.toISOString()
  return deps.db.transaction().execute(async (tx) => {
    let claim = tx
      .selectFrom('outbox')
      .select(['id', 'user_id', 'kind', 'title', 'body', 'link', 'attempts'])
      .where('status', '=', 'pending')
      .where('deliver_after', '<=', at)
      .orderBy('id')
      .limit(BATCH)
    if (deps.engine === 'postgres') claim = claim.forUpdate().skipLocked()
    const rows = await claim.execute()
    if (rows.length === 0) return 0
    const userIds = [...new Set(rows.map((r) => r.user_id))]
    const prefs = await tx.selectFrom('notification_prefs').select(['user_id', 'kind', 'enabled']).where('user_id', 'in', userIds).execute()
    const chosen = new Map(prefs.map((p) => [`${p.user_id}:${p.kind}`, p.enabled === 1]))
    const wanted = (userId: number, kind: string) => chosen.get(`${userId}:${kind}`) ?? NOTIFICATION_DEFAULTS[kind as NotificationKind] ?? true
    const deliver = rows.filter((r) => wanted(r.user_id, r.kind))
    if (deliver.length) {
      await tx
        .insertInto('messages')
        .values(deliver.map((r) => ({ outbox_id: r.id, user_id: r.user_id, kind: r.kind, title: r.title, body: r.body, link: r.link, created_at: at })))
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute()
    }
    // A delivered row whose kind has a WeChat template also waits for the WeChat channel (wechat-delivery.ts).
    const templates = deps.wechat?.config.templates ?? {}
    const toWechat = deliver.filter((r) => templates[r.kind as NotificationKind]).map((r) => r.id)
    const inAppOnly = deliver.filter((r) => !templates[r.kind as NotificationKind]).map((r) => r.id)
    const skippedIds = rows.filter((r) => !wanted(r.user_id, r.kind)).map((r) => r.id)
    if (inAppOnly.length) await tx.updateTable('outbox').set((eb) => ({ status: 'delivered', delivered_at: at, attempts: eb('attempts', '+', 1) })).where('id', 'in', inAppOnly).execute()
    if (toWechat.length) {
      await tx
        .updateTable('outbox')
        .set((eb) => ({ status: 'delivered', delivered_at: at, attempts: eb('attempts', '+', 1), wx_status: 'pending', wx_due_at: at }))
        .where('id', 'in', toWechat)
        .execute()
    }
    if (skippedIds.length) await tx.updateTable('outbox').set({ status: 'skipped', delivered_at: at, last_error: 'turned off by the person' }).where('id', 'in', skippedIds).execute()
    return rows.length
  })
}

/** Runs delivery every second on every instance, a batch at a time until nothing is due. */
export function startDelivery(app: FastifyInstance, deps: Deps): void {
  every(app, EVERY_MS, 'outbox delivery', async () => {
    while ((await deliverDue(deps)) === BATCH) {
      /* next batch */
    }
  })
}
