import type { FastifyInstance } from 'fastify'
import { NOTIFICATION_DEFAULTS, type NotificationKind } from '../../../types/messages'
import type { Deps } from '../../context'
import { every } from '../../jobs'
import * as repo from './repo'

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
    const rows = await repo.claimDue(tx, deps.engine, at, BATCH)
    if (rows.length === 0) return 0
    const prefs = await repo.preferencesOf(tx, [...new Set(rows.map((r) => r.user_id))])
    const chosen = new Map(prefs.map((p) => [`${p.user_id}:${p.kind}`, p.enabled === 1]))
    const wanted = (userId: number, kind: NotificationKind) => chosen.get(`${userId}:${kind}`) ?? NOTIFICATION_DEFAULTS[kind] ?? true
    const deliver = rows.filter((r) => wanted(r.user_id, r.kind))
    await repo.insertMessages(tx, deliver.map((r) => ({ outbox_id: r.id, user_id: r.user_id, kind: r.kind, title: r.title, body: r.body, link: r.link, created_at: at })))
    // A delivered row whose kind has a WeChat template also waits for the WeChat channel (wechat-delivery.ts).
    const templates = deps.wechat?.config.templates ?? {}
    const toWechat = deliver.filter((r) => templates[r.kind]).map((r) => r.id)
    const inAppOnly = deliver.filter((r) => !templates[r.kind]).map((r) => r.id)
    const skippedIds = rows.filter((r) => !wanted(r.user_id, r.kind)).map((r) => r.id)
    await repo.markDelivered(tx, inAppOnly, at)
    await repo.markDeliveredForWechat(tx, toWechat, at)
    await repo.markSkipped(tx, skippedIds, at, 'turned off by the person')
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
