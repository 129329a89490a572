import { maskPhone } from '../../../types/format'
import { REPAIR_STATE_GROUP, REPAIR_STATE_GROUPS, allowedRepairActions, isRepairOverdue, type RepairStateGroup, type RepairStatus } from '../../../types/repairs'
import type { RepairEvent, RepairList, RepairListQuery, RepairTicket, RepairTicketSummary, WorkerList } from '../../../types/schemas/repairs'
import { homeCommunityId, requireStaffCommunity, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { forbidden } from '../../errors'
import { decodeCursor, pageOf } from '../../pagination'
import { buildingNames } from '../community/repo'
import { attachedUrls } from '../uploads/service'
import { notePhotoTarget, photoTarget, visibleTicket, type Relation } from './access'
import * as repo from './repo'
import { mayBeUrged } from './state-machine'

/** What people see of tickets: the list rows, the detail with its timeline, the workers to dispatch to. */

function summaryOf(t: repo.TicketRow, ctx: { actor: Actor; building: string | null; assigneeName: string | null; meToo: boolean; now: Date }): RepairTicketSummary {
  const status = t.status
  return {
    id: t.id,
    category: t.category,
    location: { kind: t.location_kind, text: t.location_text, buildingId: t.building_id, building: ctx.building },
    description: t.description,
    urgency: t.urgency,
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

async function detailOf(deps: Deps, actor: Actor, t: repo.TicketRow, rel: Relation): Promise<RepairTicket> {
  const now = deps.now()
  const [events, buildings, meToo, photos, notePhotos] = await Promise.all([
    repo.eventsOf(deps.db, t.id, { withInternal: rel.crew }),
    buildingNames(deps.db, t.building_id !== null ? [t.building_id] : []),
    repo.meTooOf(deps.db, actor.userId, [t.id]),
    attachedUrls(deps, photoTarget(t.id)),
    rel.crew ? attachedUrls(deps, notePhotoTarget(t.id)) : Promise.resolve([]),
  ])
  const names = await repo.userNames(deps.db, [t.assignee_id, t.reporter_id].filter((x): x is number => x !== null))
  const byId = new Map([...photos, ...notePhotos].map((p) => [p.id, p]))
  const privileged = rel.crew || rel.household || rel.reporter
  const status = t.status
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
      fromStatus: e.from_status,
      toStatus: e.to_status,
      photos: ids.map((id) => byId.get(id)).filter((p): p is NonNullable<typeof p> => !!p),
    }
  })
  const created = timeline.find((e) => e.type === 'created')
  const phone = t.contact_phone === null ? null : rel.crew ? t.contact_phone : rel.household || rel.reporter ? maskPhone(t.contact_phone) : null
  return {
    ...summaryOf(t, { actor, building: t.building_id !== null ? (buildings.get(t.building_id) ?? null) : null, assigneeName: t.assignee_id !== null ? (names.get(t.assignee_id) ?? null) : null, meToo: meToo.has(t.id), now }),
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
    canUrge: (rel.reporter || rel.household) && mayBeUrged(status),
    canRate: rel.reporter && t.resolved_at !== null && t.rated_at === null && (status === 'resolved' || status === 'closed'),
    canComment: rel.reporter || rel.household || rel.crew,
    events: timeline,
  }
}

export async function getRepair(deps: Deps, actor: Actor, id: number): Promise<RepairTicket> {
  const { t, rel } = await visibleTicket(deps.db, actor, id)
  return detailOf(deps, actor, t, rel)
}

/** 'closed' is a status and a group; asked for, it means the group. */
const isGroup = (s: RepairStatus | RepairStateGroup): s is RepairStateGroup => (REPAIR_STATE_GROUPS as readonly string[]).includes(s)

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
  const status = query.status === undefined ? undefined : isGroup(query.status) ? { kind: 'group' as const, value: query.status } : { kind: 'status' as const, value: query.status }
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
    buildingNames(deps.db, page.items.map((r) => r.building_id).filter((x): x is number => x !== null)),
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
