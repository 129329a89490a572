import { REPAIR_ACTION_LABELS, REPAIR_AUTO_CLOSE_DAYS, REPAIR_STATE_GROUP, REPAIR_URGE_INTERVAL_MINUTES } from '../../../types/repairs'
import type { RepairComment, RepairRating, RepairTicket, RepairTransitionBody } from '../../../types/schemas/repairs'
import type { Actor } from '../../authz'
import type { Deps } from '../../context'
import { AppError, forbidden } from '../../errors'
import { hitLimit } from '../../limits'
import { enqueueNotifications } from '../../outbox'
import { attachUploads } from '../uploads/service'
import { actorRole, notePhotoTarget, photoTarget, visibleTicket } from './access'
import { categoryLabel, ticketLink, toReporter, toStaff } from './notify'
import { getRepair } from './read'
import * as repo from './repo'
import { decide, illegal, mayBeUrged } from './state-machine'

/**
 * Everything that happens to a ticket after it is filed. Status changes go through `decide()` in state-machine.ts;
 * each command is one transaction that also appends to the ticket's event log and queues its notifications.
 */

export async function transition(deps: Deps, actor: Actor, id: number, body: RepairTransitionBody, now = deps.now()): Promise<RepairTicket> {
  await deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    const decision = decide({ status: t.status, urgency: t.urgency, resolvedAt: t.resolved_at }, body.action, rel.parties, body, now)
    if (body.action === 'assign' && !(await repo.isWorkerOf(tx, t.community_id, body.assigneeId!))) throw new AppError(422, 'REPAIR_INVALID_ASSIGNEE')
    const photoIds = body.photoIds ?? []
    if (photoIds.length && !['resolve', 'start'].includes(body.action)) throw new AppError(400, 'VALIDATION_FAILED', '只有开始维修和修好时可以附照片')
    const at = now.toISOString()
    // The status guard makes a concurrent transition of the same ticket lose with a 409 instead of both applying.
    if (!(await repo.updateIfStatus(tx, id, t.status, { ...decision.changes, updated_at: at }))) {
      const current = await repo.findTicket(tx, id)
      throw illegal(current?.status ?? t.status)
    }
    await attachUploads(tx, actor, photoIds, photoTarget(id))
    await repo.insertEvent(tx, {
      ticket_id: id,
      type: body.action,
      actor_id: actor.userId,
      actor_role: actorRole(actor, t),
      at,
      note: body.note?.trim() || null,
      from_status: decision.from,
      to_status: decision.to,
      assignee_id: body.action === 'assign' ? body.assigneeId! : null,
      photoIds,
    })
    const notes = toReporter(t, decision.to, actor.userId, body.note?.trim())
    if (body.action === 'assign' && body.assigneeId !== actor.userId) {
      notes.push({ userId: body.assigneeId!, communityId: t.community_id, kind: 'repair.status', title: `新派单：${categoryLabel(t.category)}`, body: `${t.location_text}：${t.description}`, link: ticketLink(id) })
    }
    if (body.action === 'reopen') {
      notes.push(...(await toStaff(tx, t.community_id, { kind: 'repair.status', title: `居民反馈没修好：${REPAIR_ACTION_LABELS.reopen}`, body: t.location_text, link: ticketLink(id) })))
    }
    await enqueueNotifications(tx, notes, deps.now())
  })
  return getRepair(deps, actor, id)
}

export async function comment(deps: Deps, actor: Actor, id: number, body: RepairComment): Promise<RepairTicket> {
  await deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    if (!(rel.reporter || rel.household || rel.crew)) throw forbidden('只有报修人、同户家人和物业可以留言；您可以点“我也遇到了”')
    const internal = body.internal === true
    if (internal && !rel.crew) throw forbidden('只有物业和维修师傅可以写内部备注')
    const at = deps.now().toISOString()
    const photoIds = body.photoIds ?? []
    await attachUploads(tx, actor, photoIds, internal ? notePhotoTarget(id) : photoTarget(id))
    await repo.insertEvent(tx, { ticket_id: id, type: 'comment', actor_id: actor.userId, actor_role: actorRole(actor, t), at, note: body.text.trim(), internal, photoIds })
    await repo.updateTicket(tx, id, { updated_at: at })
    if (!internal && t.reporter_id !== null && t.reporter_id !== actor.userId) {
      await enqueueNotifications(tx, [{ userId: t.reporter_id, communityId: t.community_id, kind: 'repair.comment', title: '您的报修有新留言', body: body.text.slice(0, 200), link: ticketLink(id) }], deps.now())
    }
  })
  return getRepair(deps, actor, id)
}

/** Besides once per ticket per half hour: a person, and an address, can urge only so often across all tickets. */
const URGE_LIMITS = { perIp: 30, perUser: 10, windowSeconds: 3600 }

export async function urge(deps: Deps, actor: Actor, id: number, ip: string, now = deps.now()): Promise<RepairTicket> {
  await hitLimit(deps, `urge:ip:${ip}`, URGE_LIMITS.perIp, URGE_LIMITS.windowSeconds, '催单太频繁，请一小时后再试')
  await hitLimit(deps, `urge:user:${actor.userId}`, URGE_LIMITS.perUser, URGE_LIMITS.windowSeconds, '催单太频繁，请一小时后再试')
  await deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    if (!(rel.reporter || rel.household)) throw forbidden('只有报修人和同户家人可以催单')
    if (!mayBeUrged(t.status)) throw new AppError(409, 'REPAIR_URGE_CLOSED', undefined, { status: t.status })
    const at = now.toISOString()
    const notAfter = new Date(now.getTime() - REPAIR_URGE_INTERVAL_MINUTES * 60_000).toISOString()
    if (!(await repo.claimUrge(tx, id, at, notAfter))) {
      const last = t.last_urged_at ? new Date(t.last_urged_at).getTime() : now.getTime()
      const wait = Math.max(1, Math.ceil((last + REPAIR_URGE_INTERVAL_MINUTES * 60_000 - now.getTime()) / 60_000))
      throw new AppError(429, 'REPAIR_URGE_TOO_SOON', `30 分钟内已经催过单了，物业会尽快处理，请 ${wait} 分钟后再试`, { retryAfterMinutes: wait })
    }
    await repo.insertEvent(tx, { ticket_id: id, type: 'urge', actor_id: actor.userId, actor_role: actorRole(actor, t), at })
    const n = { kind: 'repair.urged' as const, title: `居民催单：${categoryLabel(t.category)}`, body: t.location_text, link: ticketLink(id) }
    await enqueueNotifications(tx, t.assignee_id !== null ? [{ ...n, userId: t.assignee_id, communityId: t.community_id }] : await toStaff(tx, t.community_id, n), deps.now())
  })
  return getRepair(deps, actor, id)
}

export async function rate(deps: Deps, actor: Actor, id: number, body: RepairRating): Promise<RepairTicket> {
  await deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    if (!rel.reporter) throw forbidden('只有报修人可以评价')
    if (t.rated_at !== null) throw new AppError(409, 'REPAIR_ALREADY_RATED')
    if (t.resolved_at === null || !(t.status === 'resolved' || t.status === 'closed')) throw new AppError(409, 'REPAIR_NOT_RATABLE', undefined, { status: t.status })
    const at = deps.now().toISOString()
    // Rating a resolved ticket also confirms it: one event records both.
    const closes = t.status === 'resolved'
    const ok = await repo.claimRating(tx, id, {
      rating_overall: body.overall,
      rating_speed: body.speed,
      rating_attitude: body.attitude,
      rating_comment: body.comment?.trim() || null,
      rated_at: at,
      updated_at: at,
      ...(closes ? { status: 'closed', state_group: 'closed', closed_at: at } : {}),
    })
    if (!ok) throw new AppError(409, 'REPAIR_ALREADY_RATED')
    await repo.insertEvent(tx, {
      ticket_id: id,
      type: 'rating',
      actor_id: actor.userId,
      actor_role: 'reporter',
      at,
      note: `总体 ${body.overall} 星 · 速度 ${body.speed} 星 · 态度 ${body.attitude} 星${body.comment?.trim() ? `：${body.comment.trim()}` : ''}`,
      from_status: closes ? 'resolved' : null,
      to_status: closes ? 'closed' : null,
    })
    if (t.assignee_id !== null) {
      await enqueueNotifications(tx, [{ userId: t.assignee_id, communityId: t.community_id, kind: 'repair.status', title: `居民评价了您的维修：${body.overall} 星`, body: t.location_text, link: ticketLink(id) }], deps.now())
    }
  })
  return getRepair(deps, actor, id)
}

export async function meToo(deps: Deps, actor: Actor, id: number): Promise<{ meToo: boolean; meTooCount: number }> {
  return deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    if (t.location_kind !== 'public') throw new AppError(422, 'REPAIR_NOT_PUBLIC')
    if (!rel.member) throw forbidden()
    if (REPAIR_STATE_GROUP[t.status] !== 'open') throw new AppError(409, 'REPAIR_ILLEGAL_TRANSITION', '这个问题已经处理完了', { status: t.status })
    await repo.addMeToo(tx, id, actor.userId, deps.now().toISOString())
    const fresh = await repo.findTicket(tx, id)
    return { meToo: true, meTooCount: fresh?.me_too_count ?? t.me_too_count }
  })
}

/**
 * Closes resolved tickets nobody rated or confirmed within REPAIR_AUTO_CLOSE_DAYS. Safe to run on several instances at
 * once (rows are claimed, see repo.claimStaleResolved); returns how many it closed. `now` is a parameter for tests.
 */
export async function autoCloseResolved(deps: Deps, now = deps.now(), batch = 200): Promise<number> {
  const at = now.toISOString()
  const before = new Date(now.getTime() - REPAIR_AUTO_CLOSE_DAYS * 86400_000).toISOString()
  let total = 0
  for (;;) {
    const closed = await deps.db.transaction().execute(async (tx) => {
      const rows = await repo.claimStaleResolved(tx, deps.engine, before, at, batch)
      for (const t of rows) {
        await repo.insertEvent(tx, { ticket_id: t.id, type: 'close', actor_id: null, actor_role: 'system', at, note: `修好 ${REPAIR_AUTO_CLOSE_DAYS} 天内未评价，系统自动完成`, from_status: 'resolved', to_status: 'closed' })
        await enqueueNotifications(tx, toReporter(t, 'closed', null, '已自动完成，如仍有问题请重新报修'), deps.now())
      }
      return rows.length
    })
    total += closed
    if (closed < batch) return total
  }
}
