import { maskPhone } from '../../../types/format'
import {
  REPAIR_ACTION_LABELS,
  REPAIR_AUTO_CLOSE_DAYS,
  REPAIR_CATEGORY_LABELS,
  REPAIR_STATE_GROUP,
  REPAIR_STATE_GROUPS,
  REPAIR_STATUS_LABELS,
  REPAIR_URGE_INTERVAL_MINUTES,
  allowedRepairActions,
  isRepairOverdue,
  type RepairCategory,
  type RepairParty,
  type RepairStatus,
  type RepairUrgency,
} from '../../../types/repairs'
import type { CreateRepair, RepairComment, RepairListQuery, RepairRating, RepairTicket, RepairTicketSummary, RepairTransitionBody, RepairEvent, RepairList, WorkerList } from '../../../types/schemas/repairs'
import { belongsTo, hasRole, homeCommunityId, requireStaffCommunity, type Actor } from '../../authz'
import type { Deps } from '../../context'
import type { Queryable } from '../../db'
import { AppError, forbidden, notFound } from '../../errors'
import { hitLimit } from '../../limits'
import { enqueueNotifications, type Notification } from '../../outbox'
import { decodeCursor, pageOf } from '../../pagination'
import { buildingsIn, householdPlace, staffOf } from '../community/repo'
import { attachUploads, attachedUrls } from '../uploads/service'
import * as repo from './repo'
import { decide, illegal, slaDueAt } from './state-machine'

/** Upload targets: photos everyone who sees the ticket may see, and photos of internal notes. */
export const photoTarget = (id: number) => `repair:${id}`
export const notePhotoTarget = (id: number) => `repairnote:${id}`
const link = (id: number) => `/pages/repairs/detail?id=${id}`

/** How the actor stands towards one ticket. Every decision below is made from this. */
interface Relation {
  parties: RepairParty[]
  reporter: boolean
  household: boolean
  /** staff, admin or the assigned worker: sees internal notes and the full phone number. */
  crew: boolean
  member: boolean
  visible: boolean
}

function relationTo(actor: Actor, t: repo.TicketRow): Relation {
  const reporter = t.reporter_id !== null && t.reporter_id === actor.userId
  const household = t.household_id !== null && actor.households.some((h) => h.householdId === t.household_id)
  const staff = hasRole(actor, t.community_id, 'staff')
  const admin = hasRole(actor, t.community_id, 'admin')
  const assignee = t.assignee_id !== null && t.assignee_id === actor.userId && hasRole(actor, t.community_id, 'worker', 'staff', 'admin')
  const member = belongsTo(actor, t.community_id)
  const parties: RepairParty[] = []
  if (reporter) parties.push('reporter')
  if (staff) parties.push('staff')
  if (admin) parties.push('admin')
  if (assignee) parties.push('assignee')
  const crew = staff || admin || assignee
  const visible = reporter || household || crew || (t.location_kind === 'public' && member)
  return { parties, reporter, household, crew, member, visible }
}

/** Loads a ticket the actor may see; anything else is a 404, so ids of other households' tickets cannot be probed. */
async function visibleTicket(db: Queryable, actor: Actor, id: number) {
  const t = await repo.findTicket(db, id)
  if (!t) throw notFound('工单不存在')
  const rel = relationTo(actor, t)
  if (!rel.visible) throw notFound('工单不存在')
  return { t, rel }
}

/** Who may see a photo attached to `repair:id` (registered with the uploads module). */
export async function maySeeTicket(deps: Deps, actor: Actor, id: number): Promise<boolean> {
  const t = await repo.findTicket(deps.db, id)
  return !!t && relationTo(actor, t).visible
}

export async function maySeeTicketNotes(deps: Deps, actor: Actor, id: number): Promise<boolean> {
  const t = await repo.findTicket(deps.db, id)
  return !!t && relationTo(actor, t).crew
}

function actorRole(actor: Actor, t: { community_id: number; reporter_id: number | null }): string {
  if (t.reporter_id === actor.userId) return 'reporter'
  if (hasRole(actor, t.community_id, 'admin')) return 'admin'
  if (hasRole(actor, t.community_id, 'staff')) return 'staff'
  if (hasRole(actor, t.community_id, 'worker')) return 'worker'
  return 'resident'
}

function summaryOf(t: repo.TicketRow, ctx: { actor: Actor; building: string | null; assigneeName: string | null; meToo: boolean; now: Date }): RepairTicketSummary {
  const status = t.status as RepairStatus
  return {
    id: t.id,
    category: t.category as RepairCategory,
    location: { kind: t.location_kind, text: t.location_text, buildingId: t.building_id, building: ctx.building },
    description: t.description,
    urgency: t.urgency as RepairUrgency,
    status,
    stateGroup: REPAIR_STATE_GROUP[status],
    overdue: isRepairOverdue({ status, slaDueAt: t.sla_due_at }, ctx.now),
    slaDueAt: t.sla_due_at,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    assignee: t.assignee_id !== null ? { id: t.assignee_id, name: ctx.assigneeName ?? '维修师傅' } : null,
    meTooCount: t.me_too_count,
    meToo: ctx.meToo,
    mine: t.reporter_id === ctx.actor.userId || (t.household_id !== null && ctx.actor.households.some((h) => h.householdId === t.household_id)),
  }
}

const CLOSED_FOR_URGE = new Set<RepairStatus>(['resolved', 'closed', 'rejected', 'cancelled'])

async function detailOf(deps: Deps, actor: Actor, t: repo.TicketRow, rel: Relation): Promise<RepairTicket> {
  const now = deps.now()
  const [events, building, meToo, photos, notePhotos] = await Promise.all([
    repo.eventsOf(deps.db, t.id, rel.crew),
    repo.buildingName(deps.db, t.building_id),
    repo.meTooOf(deps.db, actor.userId, [t.id]),
    attachedUrls(deps, photoTarget(t.id)),
    rel.crew ? attachedUrls(deps, notePhotoTarget(t.id)) : Promise.resolve([]),
  ])
  const names = await repo.userNames(deps.db, [t.assignee_id, t.reporter_id].filter((x): x is number => x !== null))
  const byId = new Map([...photos, ...notePhotos].map((p) => [p.id, p]))
  const privileged = rel.crew || rel.household || rel.reporter
  const status = t.status as RepairStatus
  const timeline: RepairEvent[] = events.map((e) => {
    const ids = JSON.parse(e.photo_ids) as string[]
    // Residents' names stay inside the household and the office; neighbours see a role only.
    const resident = e.actor_role === 'reporter' || e.actor_role === 'resident'
    return {
      id: e.id,
      type: e.type,
      actor: { role: e.actor_role, name: resident && !privileged ? null : e.actor_name },
      at: e.at,
      ...(e.note !== null ? { note: e.note } : {}),
      internal: e.internal === 1,
      fromStatus: e.from_status as RepairStatus | null,
      toStatus: e.to_status as RepairStatus | null,
      photos: ids.map((id) => byId.get(id)).filter((p): p is NonNullable<typeof p> => !!p),
    }
  })
  const created = timeline.find((e) => e.type === 'created')
  const phone = t.contact_phone === null ? null : rel.crew ? t.contact_phone : rel.household || rel.reporter ? maskPhone(t.contact_phone) : null
  return {
    ...summaryOf(t, { actor, building, assigneeName: t.assignee_id !== null ? (names.get(t.assignee_id) ?? null) : null, meToo: meToo.has(t.id), now }),
    photos: created?.photos ?? [],
    preferredTime: t.preferred_time,
    contactPhone: phone,
    reporterName: privileged && t.reporter_id !== null ? (names.get(t.reporter_id) ?? null) : null,
    resolvedAt: t.resolved_at,
    closedAt: t.closed_at,
    rating:
      t.rated_at !== null && privileged
        ? { overall: t.rating_overall ?? 0, speed: t.rating_speed ?? 0, attitude: t.rating_attitude ?? 0, comment: t.rating_comment, at: t.rated_at }
        : null,
    parties: rel.parties,
    actions: allowedRepairActions(status, rel.parties),
    canUrge: (rel.reporter || rel.household) && !CLOSED_FOR_URGE.has(status),
    canRate: rel.reporter && t.resolved_at !== null && t.rated_at === null && (status === 'resolved' || status === 'closed'),
    canComment: rel.reporter || rel.household || rel.crew,
    events: timeline,
  }
}

async function staffNotifications(db: Queryable, communityId: number, n: Omit<Notification, 'userId' | 'communityId'>): Promise<Notification[]> {
  return (await staffOf(db, communityId)).map((s) => ({ ...n, userId: s.user_id, communityId }))
}

function statusNotice(t: repo.TicketRow, to: RepairStatus, actorId: number | null, note?: string): Notification[] {
  if (t.reporter_id === null || t.reporter_id === actorId) return []
  const label = REPAIR_CATEGORY_LABELS[t.category as RepairCategory] ?? '报修'
  return [
    {
      userId: t.reporter_id,
      communityId: t.community_id,
      kind: 'repair.status',
      title: `您的${label}报修${REPAIR_STATUS_LABELS[to]}`,
      body: note ? `${t.location_text}：${note}` : t.location_text,
      link: link(t.id),
    },
  ]
}

// ---------------------------------------------------------------- commands

export async function createRepair(deps: Deps, actor: Actor, body: CreateRepair, idempotencyKey: string | undefined): Promise<{ ticket: RepairTicket; created: boolean }> {
  const now = deps.now()
  const at = now.toISOString()
  let communityId: number
  let householdId: number | null = null
  let buildingId: number | null = null
  let locationText: string
  if (body.location.kind === 'home') {
    if (body.location.text !== undefined || body.location.buildingId !== undefined) throw new AppError(400, 'VALIDATION_FAILED', '报修自家问题时位置取自绑定的房屋，不需要填写地点')
    const home = body.location.householdId === undefined ? actor.households[0] : actor.households.find((h) => h.householdId === body.location.householdId)
    if (!home) throw new AppError(body.location.householdId === undefined ? 422 : 403, 'REPAIR_HOUSEHOLD_REQUIRED')
    const place = await householdPlace(deps.db, home.householdId)
    if (!place) throw new AppError(422, 'REPAIR_HOUSEHOLD_REQUIRED')
    communityId = place.community_id
    householdId = place.id
    buildingId = place.building_id
    locationText = `${place.building} ${place.unit}单元 ${place.room}`
  } else {
    if (body.location.householdId !== undefined) throw new AppError(400, 'VALIDATION_FAILED', '公共区域报修不需要选择房屋')
    const text = body.location.text?.trim()
    if (!text) throw new AppError(400, 'VALIDATION_FAILED', '请填写公共区域的具体位置，例如“2号楼大堂电梯”')
    const c = homeCommunityId(actor)
    if (c === null) throw forbidden('请先绑定房屋')
    communityId = c
    if (body.location.buildingId !== undefined) {
      if ((await buildingsIn(deps.db, communityId, [body.location.buildingId])).length === 0) throw new AppError(400, 'VALIDATION_FAILED', '楼栋不存在')
      buildingId = body.location.buildingId
    }
    locationText = text
  }
  const description = body.description.trim()
  if (!description) throw new AppError(400, 'VALIDATION_FAILED', '请描述一下问题')

  const result = await deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertTicket(tx, {
      community_id: communityId,
      location_kind: body.location.kind,
      household_id: householdId,
      building_id: buildingId,
      location_text: locationText,
      lat_micro: null,
      long_micro: null,
      category: body.category,
      description,
      urgency: body.urgency,
      status: 'submitted',
      state_group: 'open',
      assignee_id: null,
      reporter_id: actor.userId,
      source: 'app',
      open311_key_id: null,
      media_url: null,
      contact_phone: body.contactPhone ?? actor.phone,
      preferred_time: body.preferredTime?.trim() || null,
      sla_due_at: slaDueAt(body.urgency, now),
      created_at: at,
      updated_at: at,
      resolved_at: null,
      closed_at: null,
      rating_overall: null,
      rating_speed: null,
      rating_attitude: null,
      rating_comment: null,
      rated_at: null,
      idempotency_key: idempotencyKey ?? null,
      last_urged_at: null,
    })
    if (id === null) {
      // A retry of a request that already made its ticket: answer with that ticket, unless the content differs.
      const existing = await repo.findByIdempotencyKey(tx, actor.userId, idempotencyKey!)
      if (!existing) throw new AppError(409, 'CONFLICT')
      if (existing.description !== description || existing.category !== body.category || existing.location_kind !== body.location.kind) {
        throw new AppError(422, 'REPAIR_IDEMPOTENCY_MISMATCH')
      }
      return { id: existing.id, created: false }
    }
    const photoIds = body.photoIds ?? []
    await attachUploads(tx, actor, photoIds, photoTarget(id))
    await repo.insertEvent(tx, { ticket_id: id, type: 'created', actor_id: actor.userId, actor_role: 'reporter', at, note: null, internal: 0, from_status: null, to_status: 'submitted', assignee_id: null, photo_ids: JSON.stringify([...new Set(photoIds)]) })
    const urgent = body.urgency === 'urgent' ? '【紧急】' : ''
    await enqueueNotifications(
      tx,
      await staffNotifications(tx, communityId, { kind: 'repair.status', title: `${urgent}新报修：${REPAIR_CATEGORY_LABELS[body.category]}`, body: `${locationText}：${description}`, link: link(id) }), deps.now(),
    )
    return { id, created: true }
  })
  const ticket = await getRepair(deps, actor, result.id)
  return { ticket, created: result.created }
}

export async function getRepair(deps: Deps, actor: Actor, id: number): Promise<RepairTicket> {
  const { t, rel } = await visibleTicket(deps.db, actor, id)
  return detailOf(deps, actor, t, rel)
}

export async function transition(deps: Deps, actor: Actor, id: number, body: RepairTransitionBody, now = deps.now()): Promise<RepairTicket> {
  await deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    const decision = decide({ status: t.status as RepairStatus, urgency: t.urgency as RepairUrgency, resolvedAt: t.resolved_at }, body.action, rel.parties, body, now)
    if (body.action === 'assign' && !(await repo.isWorkerOf(tx, t.community_id, body.assigneeId!))) throw new AppError(422, 'REPAIR_INVALID_ASSIGNEE')
    const photoIds = body.photoIds ?? []
    if (photoIds.length && !['resolve', 'start'].includes(body.action)) throw new AppError(400, 'VALIDATION_FAILED', '只有开始维修和修好时可以附照片')
    const at = now.toISOString()
    // The status guard makes a concurrent transition of the same ticket lose with a 409 instead of both applying.
    if (!(await repo.updateIfStatus(tx, id, t.status, { ...decision.changes, updated_at: at }))) {
      const current = await repo.findTicket(tx, id)
      throw illegal((current?.status ?? t.status) as RepairStatus)
    }
    await attachUploads(tx, actor, photoIds, photoTarget(id))
    await repo.insertEvent(tx, {
      ticket_id: id,
      type: body.action,
      actor_id: actor.userId,
      actor_role: actorRole(actor, t),
      at,
      note: body.note?.trim() || null,
      internal: 0,
      from_status: decision.from,
      to_status: decision.to,
      assignee_id: body.action === 'assign' ? body.assigneeId! : null,
      photo_ids: JSON.stringify([...new Set(photoIds)]),
    })
    const notes = statusNotice(t, decision.to, actor.userId, body.note?.trim())
    if (body.action === 'assign' && body.assigneeId !== actor.userId) {
      notes.push({ userId: body.assigneeId!, communityId: t.community_id, kind: 'repair.status', title: `新派单：${REPAIR_CATEGORY_LABELS[t.category as RepairCategory] ?? '报修'}`, body: `${t.location_text}：${t.description}`, link: link(id) })
    }
    if (body.action === 'reopen') {
      notes.push(...(await staffNotifications(tx, t.community_id, { kind: 'repair.status', title: `居民反馈没修好：${REPAIR_ACTION_LABELS.reopen}`, body: t.location_text, link: link(id) })))
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
    await repo.insertEvent(tx, { ticket_id: id, type: 'comment', actor_id: actor.userId, actor_role: actorRole(actor, t), at, note: body.text.trim(), internal: internal ? 1 : 0, from_status: null, to_status: null, assignee_id: null, photo_ids: JSON.stringify([...new Set(photoIds)]) })
    await repo.updateTicket(tx, id, { updated_at: at })
    if (!internal && t.reporter_id !== null && t.reporter_id !== actor.userId) {
      await enqueueNotifications(tx, [{ userId: t.reporter_id, communityId: t.community_id, kind: 'repair.comment', title: '您的报修有新留言', body: body.text.slice(0, 200), link: link(id) }], deps.now())
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
    if (CLOSED_FOR_URGE.has(t.status as RepairStatus)) throw new AppError(409, 'REPAIR_URGE_CLOSED', undefined, { status: t.status })
    const at = now.toISOString()
    const notAfter = new Date(now.getTime() - REPAIR_URGE_INTERVAL_MINUTES * 60_000).toISOString()
    if (!(await repo.claimUrge(tx, id, at, notAfter))) {
      const last = t.last_urged_at ? new Date(t.last_urged_at).getTime() : now.getTime()
      const wait = Math.max(1, Math.ceil((last + REPAIR_URGE_INTERVAL_MINUTES * 60_000 - now.getTime()) / 60_000))
      throw new AppError(429, 'REPAIR_URGE_TOO_SOON', `30 分钟内已经催过单了，物业会尽快处理，请 ${wait} 分钟后再试`, { retryAfterMinutes: wait })
    }
    await repo.insertEvent(tx, { ticket_id: id, type: 'urge', actor_id: actor.userId, actor_role: actorRole(actor, t), at, note: null, internal: 0, from_status: null, to_status: null, assignee_id: null, photo_ids: '[]' })
    const n = { kind: 'repair.urged' as const, title: `居民催单：${REPAIR_CATEGORY_LABELS[t.category as RepairCategory] ?? '报修'}`, body: t.location_text, link: link(id) }
    await enqueueNotifications(tx, t.assignee_id !== null ? [{ ...n, userId: t.assignee_id, communityId: t.community_id }] : await staffNotifications(tx, t.community_id, n), deps.now())
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
      internal: 0,
      from_status: closes ? 'resolved' : null,
      to_status: closes ? 'closed' : null,
      assignee_id: null,
      photo_ids: '[]',
    })
    if (t.assignee_id !== null) {
      await enqueueNotifications(tx, [{ userId: t.assignee_id, communityId: t.community_id, kind: 'repair.status', title: `居民评价了您的维修：${body.overall} 星`, body: t.location_text, link: link(id) }], deps.now())
    }
  })
  return getRepair(deps, actor, id)
}

export async function meToo(deps: Deps, actor: Actor, id: number): Promise<{ meToo: boolean; meTooCount: number }> {
  return deps.db.transaction().execute(async (tx) => {
    const { t, rel } = await visibleTicket(tx, actor, id)
    if (t.location_kind !== 'public') throw new AppError(422, 'REPAIR_NOT_PUBLIC')
    if (!rel.member) throw forbidden()
    if (REPAIR_STATE_GROUP[t.status as RepairStatus] !== 'open') throw new AppError(409, 'REPAIR_ILLEGAL_TRANSITION', '这个问题已经处理完了', { status: t.status })
    await repo.addMeToo(tx, id, actor.userId, deps.now().toISOString())
    const fresh = await repo.findTicket(tx, id)
    return { meToo: true, meTooCount: fresh?.me_too_count ?? t.me_too_count }
  })
}

// ---------------------------------------------------------------- queries

export async function listRepairs(deps: Deps, actor: Actor, query: RepairListQuery): Promise<RepairList> {
  const limit = query.limit ?? 20
  const now = deps.now()
  const byDeadline = query.scope === 'queue' || query.scope === 'assigned'
  let communityId: number | null = null
  if (query.scope === 'queue') communityId = requireStaffCommunity(actor)
  if (query.scope === 'public') {
    communityId = homeCommunityId(actor)
    if (communityId === null) throw forbidden('请先绑定房屋')
  }
  if (query.scope === 'assigned' && !actor.roles.some((r) => r.role === 'worker' || r.role === 'staff' || r.role === 'admin')) throw forbidden('只有维修师傅可以查看派给自己的工单')
  const after = query.cursor ? decodeCursor(query.cursor, byDeadline ? ['string', 'number'] : ['number']) : undefined
  const status = query.status === undefined ? undefined : (REPAIR_STATE_GROUPS as readonly string[]).includes(query.status) ? { kind: 'group' as const, value: query.status } : { kind: 'status' as const, value: query.status }
  const rows = await repo.listTickets(deps.db, {
    scope: query.scope,
    userId: actor.userId,
    communityId,
    householdIds: actor.households.map((h) => h.householdId),
    status,
    category: query.category,
    buildingId: query.buildingId,
    overdueBefore: query.overdue ? now.toISOString() : undefined,
    limit,
    after,
  })
  const page = pageOf(rows, limit, (r) => (byDeadline ? [r.sla_due_at, r.id] : [r.id]))
  const [buildings, meToo] = await Promise.all([
    repo.buildingNames(deps.db, page.items.map((r) => r.building_id).filter((x): x is number => x !== null)),
    repo.meTooOf(deps.db, actor.userId, page.items.filter((r) => r.location_kind === 'public').map((r) => r.id)),
  ])
  return {
    items: page.items.map((r) =>
      summaryOf(r, { actor, building: r.building_id !== null ? (buildings.get(r.building_id) ?? null) : null, assigneeName: r.assignee_name, meToo: meToo.has(r.id), now }),
    ),
    nextCursor: page.nextCursor,
  }
}

export async function listWorkers(deps: Deps, actor: Actor): Promise<WorkerList> {
  const communityId = requireStaffCommunity(actor)
  const rows = await repo.workersOf(deps.db, communityId)
  return { items: rows.map((r) => ({ id: r.id, name: r.name, openJobs: Number(r.open_jobs ?? 0) })) }
}

// ---------------------------------------------------------------- background

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
        await repo.insertEvent(tx, { ticket_id: t.id, type: 'close', actor_id: null, actor_role: 'system', at, note: `修好 ${REPAIR_AUTO_CLOSE_DAYS} 天内未评价，系统自动完成`, internal: 0, from_status: 'resolved', to_status: 'closed', assignee_id: null, photo_ids: '[]' })
        await enqueueNotifications(tx, statusNotice(t, 'closed', null, '已自动完成，如仍有问题请重新报修'), deps.now())
      }
      return rows.length
    })
    total += closed
    if (closed < batch) return total
  }
}

// ---------------------------------------------------------------- Open311

export interface Open311Ticket {
  communityId: number
  keyId: number
  category: RepairCategory
  description: string
  address: string
  latMicro: number | null
  longMicro: number | null
  mediaUrl: string | null
}

/** A public-place ticket filed by an Open311 client: no reporter, no phone; staff are told as for any new ticket. */
export async function createFromOpen311(deps: Deps, input: Open311Ticket): Promise<number> {
  const now = deps.now()
  const at = now.toISOString()
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertTicket(tx, {
      community_id: input.communityId,
      location_kind: 'public',
      household_id: null,
      building_id: null,
      location_text: input.address,
      lat_micro: input.latMicro,
      long_micro: input.longMicro,
      category: input.category,
      description: input.description,
      urgency: 'normal',
      status: 'submitted',
      state_group: 'open',
      assignee_id: null,
      reporter_id: null,
      source: 'open311',
      open311_key_id: input.keyId,
      media_url: input.mediaUrl,
      contact_phone: null,
      preferred_time: null,
      sla_due_at: slaDueAt('normal', now),
      created_at: at,
      updated_at: at,
      resolved_at: null,
      closed_at: null,
      rating_overall: null,
      rating_speed: null,
      rating_attitude: null,
      rating_comment: null,
      rated_at: null,
      idempotency_key: null,
      last_urged_at: null,
    })
    if (id === null) throw new AppError(409, 'CONFLICT')
    await repo.insertEvent(tx, { ticket_id: id, type: 'created', actor_id: null, actor_role: 'open311', at, note: null, internal: 0, from_status: null, to_status: 'submitted', assignee_id: null, photo_ids: '[]' })
    await enqueueNotifications(tx, await staffNotifications(tx, input.communityId, { kind: 'repair.status', title: `新报修（Open311）：${REPAIR_CATEGORY_LABELS[input.category]}`, body: `${input.address}：${input.description}`, link: link(id) }), deps.now())
    return id
  })
}
