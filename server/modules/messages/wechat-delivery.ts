import { performance } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import type { Deps } from '../../context'
import type { WxStatus } from '../../db/schema'
import { every } from '../../jobs'
import { templateData } from '../../wechat/template-data'
import type { SendOutcome } from '../../wechat/subscribe'
import * as repo from './repo'

const BATCH = 20
const EVERY_MS = 2000
/** A row in 'sending' whose lease has ended belongs to an instance that died mid-send. */
export const LEASE_MS = 120_000
/** The longest one row can take (token fetch, send, a second token and send, 5 s each), with room to spare. */
const ONE_SEND_MS = 30_000
export const MAX_ATTEMPTS = 5

/** 30 s, 1 min, 2 min, 4 min: WeChat's "busy" passes in seconds to minutes. */
export const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3600_000)

export type WechatRunSummary = Record<Exclude<WxStatus, 'sending'>, number>

/**
 * Sends due outbox rows as WeChat subscribe messages (rows the in-app delivery marked wx_status = 'pending').
 *
 * WeChat's subscribe/send has no idempotency key, so a message can only be sent at most once: a row is committed as
 * 'sending' (with a lease) before the HTTP call and its outcome recorded after. A row still 'sending' when its lease
 * ends — its instance died between the two — is recorded as 'unknown' and never sent again. 43101 (no subscription
 * left) is 'refused', a normal outcome. Busy and unreachable are retried with backoff up to MAX_ATTEMPTS; an answer
 * that may or may not have reached WeChat is 'unknown'. People without an openid (H5, demo) are 'skipped'.
 * On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED, so several instances share the work.
 */
export async function sendWechatDue(deps: Deps, now = deps.now()): Promise<WechatRunSummary> {
  const summary: WechatRunSummary = { pending: 0, sent: 0, refused: 0, skipped: 0, failed: 0, unknown: 0 }
  const wx = deps.wechat
  if (!wx) return summary
  const at = now.toISOString()
  summary.unknown += await repo.writeOffLostSends(deps.db, at, 'sender stopped mid-send; not sent again')

  const claimed = await deps.db.transaction().execute(async (tx) => {
    const rows = await repo.claimWechatDue(tx, deps.engine, at, BATCH)
    if (rows.length === 0) return []
    const openids = await repo.openidsOf(tx, rows.map((r) => r.user_id))
    const skip = (reason: string, ids: number[]) => repo.skipWechat(tx, ids, at, reason)
    const noOpenid = rows.filter((r) => !openids.get(r.user_id))
    // The configuration may have changed since the row was marked.
    const noTemplate = rows.filter((r) => openids.get(r.user_id) && !wx.config.templates[r.kind])
    const send = rows.filter((r) => openids.get(r.user_id) && wx.config.templates[r.kind])
    await skip('no WeChat openid (signed in without WeChat)', noOpenid.map((r) => r.id))
    await skip('no template configured for this kind', noTemplate.map((r) => r.id))
    summary.skipped += noOpenid.length + noTemplate.length
    await repo.leaseWechat(tx, send.map((r) => r.id), new Date(now.getTime() + LEASE_MS).toISOString())
    return send.map((r) => ({ ...r, openid: openids.get(r.user_id)!, attempt: r.wx_attempts + 1 }))
  })
  // 'sending' must be on disk before the first HTTP call, or a power cut could hand the rows out again.
  if (claimed.length) await deps.durable()

  // The lease was taken for the whole batch: stop sending in time and hand the rest back untouched.
  const sendBefore = performance.now() + LEASE_MS - ONE_SEND_MS
  for (let i = 0; i < claimed.length; i++) {
    const row = claimed[i]!
    if (performance.now() > sendBefore) {
      const rest = claimed.slice(i).map((r) => r.id)
      await repo.releaseWechat(deps.db, rest, at)
      summary.pending += rest.length
      break
    }
    const template = wx.config.templates[row.kind]!
    const outcome = await wx.sendSubscribe(
      {
        openid: row.openid,
        templateId: template.id,
        page: row.link.replace(/^\//, ''),
        data: templateData(template.fields, { kind: row.kind, title: row.title, body: row.body, at: row.created_at }),
      },
      now.getTime(),
    )
    const status = await record(deps, row.id, row.attempt, outcome, now)
    summary[status]++
  }
  return summary
}

async function record(deps: Deps, id: number, attempt: number, outcome: SendOutcome, now: Date): Promise<Exclude<WxStatus, 'sending'>> {
  const at = now.toISOString()
  const again = outcome.status === 'retry' && attempt < MAX_ATTEMPTS
  const status = again ? 'pending' : outcome.status === 'retry' ? 'failed' : outcome.status
  const error = 'error' in outcome ? outcome.error : outcome.status === 'refused' ? '43101: no subscription left' : null
  await repo.recordWechat(deps.db, id, again ? { wx_status: 'pending', wx_due_at: new Date(now.getTime() + backoffMs(attempt)).toISOString(), wx_error: error } : { wx_status: status, wx_done_at: at, wx_error: error })
  return status
}

/** Runs the WeChat channel every two seconds when WeChat is configured; refusals are normal, failures are logged. */
export function startWechatDelivery(app: FastifyInstance, deps: Deps): void {
  if (!deps.wechat || Object.keys(deps.wechat.config.templates).length === 0) return
  every(app, EVERY_MS, 'WeChat delivery', async () => {
    for (;;) {
      const s = await sendWechatDue(deps)
      if (s.failed) app.log.error({ wechat: s }, 'WeChat subscribe messages failed (template or configuration?)')
      else if (s.unknown) app.log.warn({ wechat: s }, 'WeChat subscribe messages with unknown outcome')
      if (s.sent + s.refused + s.skipped + s.failed + s.unknown + s.pending < BATCH) return
    }
  })
}
