import type { RepairCategory, RepairStateGroup, RepairStatus } from '../../../types/repairs'
import type { Engine, Queryable } from '../../db'
import type { RepairTicketTable, TicketEventTable } from '../../db/schema'
import type { Insertable, Selectable, Updateable } from 'kysely'

/** SQL about repair tickets only; the rules live in create.ts, transitions.ts and read.ts. */

export type TicketRow = Selectable<RepairTicketTable>
export type EventRow = Selectable<TicketEventTable>

export async function insertTicket(db: Queryable, row: Insertable<RepairTicketTable>): Promise<number | null> {
  // Same reporter + same idempotency key → nothing inserted; the caller then loads the existing ticket.
  const res = await db
    .insertInto('repair_tickets')
    .values(row)
    .onConflict((oc) => oc.columns(['reporter_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return res?.id ?? null
}

export async function findByIdempotencyKey(db: Queryable, reporterId: number, key: string) {
  return db.selectFrom('repair_tickets').selectAll().where('reporter_id', '=', reporterId).where('idempotency_key', '=', key).executeTakeFirst()
}

export async function findTicket(db: Queryable, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('repair_tickets').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Updates a ticket only if it is still in `fromStatus`: the guard that keeps concurrent transitions from both winning. */
export async function updateIfStatus(db: Queryable, id: number, fromStatus: RepairStatus, changes: Updateable<RepairTicketTable>): Promise<boolean> {
  const res = await db.updateTable('repair_tickets').set(changes).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function updateTicket(db: Queryable, id: number, changes: Updateable<RepairTicketTable>) {
  await db.updateTable('repair_tickets').set(changes).where('id', '=', id).execute()
}

/** Claims the urge slot: succeeds only when the last urge is older than `notAfter` (or there was none). */
export async function claimUrge(db: Queryable, id: number, now: string, notAfter: string): Promise<boolean> {
  const res = await db
    .updateTable('repair_tickets')
    .set({ last_urged_at: now, updated_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_urged_at', 'is', null), eb('last_urged_at', '<=', notAfter)]))
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Records a rating once: a second rating finds `rated_at` set and changes nothing. */
export async function claimRating(db: Queryable, id: number, changes: Updateable<RepairTicketTable>): Promise<boolean> {
  const res = await db.updateTable('repair_tickets').set(changes).where('id', '=', id).where('rated_at', 'is', null).where('resolved_at', 'is not', null).executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

type EventRequired = 'ticket_id' | 'type' | 'actor_id' | 'actor_role' | 'at'
type EventOptional = 'note' | 'from_status' | 'to_status' | 'assignee_id'

/** One entry of a ticket's log; what is not given is empty (no note, no status change, public, no photos). */
export interface NewEvent extends Pick<Insertable<TicketEventTable>, EventRequired>, Partial<Pick<Insertable<TicketEventTable>, EventOptional>> {
  internal?: boolean
  photoIds?: string[]
}

export async function insertEvent(db: Queryable, e: NewEvent): Promise<void> {
  await db
    .insertInto('ticket_events')
    .values({
      ticket_id: e.ticket_id,
      type: e.type,
      actor_id: e.actor_id,
      actor_role: e.actor_role,
      at: e.at,
      note: e.note ?? null,
      internal: e.internal ? 1 : 0,
      from_status: e.from_status ?? null,
      to_status: e.to_status ?? null,
      assignee_id: e.assignee_id ?? null,
      photo_ids: JSON.stringify([...new Set(e.photoIds ?? [])]),
    })
    .execute()
}

export async function eventsOf(db: Queryable, ticketId: number, { withInternal }: { withInternal: boolean }) {
  let q = db
    .selectFrom('ticket_events')
    .leftJoin('users', 'users.id', 'ticket_events.actor_id')
    .select(['ticket_events.id', 'ticket_events.type', 'ticket_events.actor_id', 'ticket_events.actor_role', 'ticket_events.at', 'ticket_events.note', 'ticket_events.internal', 'ticket_events.from_status', 'ticket_events.to_status', 'ticket_events.photo_ids', 'users.display_name as actor_name'])
    .where('ticket_events.ticket_id', '=', ticketId)
  if (!withInternal) q = q.where('ticket_events.internal', '=', 0)
  return q.orderBy('ticket_events.id').execute()
}

export async function addMeToo(db: Queryable, ticketId: number, userId: number, at: string): Promise<boolean> {
  const res = await db.insertInto('ticket_me_too').values({ ticket_id: ticketId, user_id: userId, at }).onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing()).executeTakeFirst()
  const added = Number(res.numInsertedOrUpdatedRows ?? 0) === 1
  if (added) await db.updateTable('repair_tickets').set((eb) => ({ me_too_count: eb('me_too_count', '+', 1) })).where('id', '=', ticketId).execute()
  return added
}

export async function meTooOf(db: Queryable, userId: number, ticketIds: number[]): Promise<Set<number>> {
  if (ticketIds.length === 0) return new Set()
  const rows = await db.selectFrom('ticket_me_too').select('ticket_id').where('user_id', '=', userId).where('ticket_id', 'in', ticketIds).execute()
  return new Set(rows.map((r) => r.ticket_id))
}

export async function userNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.display_name]))
}

/** Workers (and staff, who sometimes fix things themselves) of a community, with how many open jobs each has. */
export async function workersOf(db: Queryable, communityId: number) {
  return db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select((eb) => [
      'users.id',
      'users.display_name as name',
      eb
        .selectFrom('repair_tickets')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('repair_tickets.assignee_id', '=', 'users.id')
        .where('repair_tickets.state_group', '=', 'open')
        .as('open_jobs'),
    ])
    .where('role_grants.community_id', '=', communityId)
    .where('role_grants.role', '=', 'worker')
    .orderBy('users.id')
    .execute()
}

export async function isWorkerOf(db: Queryable, communityId: number, userId: number): Promise<boolean> {
  const r = await db.selectFrom('role_grants').select('id').where('community_id', '=', communityId).where('user_id', '=', userId).where('role', 'in', ['worker', 'staff', 'admin']).executeTakeFirst()
  return !!r
}

export interface ListFilter {
  scope: 'mine' | 'public' | 'queue' | 'assigned'
  userId: number
  communityId: number | null
  householdIds: number[]
  status?: { kind: 'group'; value: RepairStateGroup } | { kind: 'status'; value: RepairStatus }
  category?: RepairCategory
  buildingId?: number
  overdueBefore?: string
  limit: number
  /** mine/public: [id]; queue/assigned: [sla_due_at, id]. */
  after?: (string | number)[]
}

type ListRow = TicketRow & { assignee_name: string | null }
type Who = { reporterId: number } | { householdIds: number[] } | { communityId: number; publicOnly: boolean } | { assigneeId: number }

function pageQuery(db: Queryable, f: ListFilter, who: Who) {
  let q = db.selectFrom('repair_tickets').leftJoin('users as assignee', 'assignee.id', 'repair_tickets.assignee_id').selectAll('repair_tickets').select('assignee.display_name as assignee_name')
  if ('reporterId' in who) q = q.where('repair_tickets.reporter_id', '=', who.reporterId)
  if ('householdIds' in who) q = q.where('repair_tickets.household_id', 'in', who.householdIds)
  if ('communityId' in who) {
    q = q.where('repair_tickets.community_id', '=', who.communityId)
    if (who.publicOnly) q = q.where('repair_tickets.location_kind', '=', 'public')
  }
  if ('assigneeId' in who) q = q.where('repair_tickets.assignee_id', '=', who.assigneeId)
  if (f.status?.kind === 'group') q = q.where('repair_tickets.state_group', '=', f.status.value)
  if (f.status?.kind === 'status') q = q.where('repair_tickets.status', '=', f.status.value)
  if (f.category) q = q.where('repair_tickets.category', '=', f.category)
  if (f.buildingId) q = q.where('repair_tickets.building_id', '=', f.buildingId)
  if (f.overdueBefore) q = q.where('repair_tickets.state_group', '=', 'open').where('repair_tickets.sla_due_at', '<', f.overdueBefore)
  if (f.scope === 'queue' || f.scope === 'assigned') {
    if (f.after) {
      const [due, id] = f.after as [string, number]
      q = q.where((eb) => eb.or([eb('repair_tickets.sla_due_at', '>', due), eb.and([eb('repair_tickets.sla_due_at', '=', due), eb('repair_tickets.id', '>', id)])]))
    }
    q = q.orderBy('repair_tickets.sla_due_at').orderBy('repair_tickets.id')
  } else {
    if (f.after) q = q.where('repair_tickets.id', '<', f.after[0] as number)
    q = q.orderBy('repair_tickets.id', 'desc')
  }
  return q.limit(f.limit + 1).execute()
}

/** One page of tickets; newest first for mine/public, earliest deadline first for queue/assigned (keyset, no OFFSET). */
export async function listTickets(db: Queryable, f: ListFilter): Promise<ListRow[]> {
  switch (f.scope) {
    case 'mine': {
      // "Reported by me OR in my household" as two index range scans merged here: an OR would make the engine sort
      // every ticket of a busy household before taking one page.
      const parts = await Promise.all([pageQuery(db, f, { reporterId: f.userId }), f.householdIds.length ? pageQuery(db, f, { householdIds: f.householdIds }) : Promise.resolve([])])
      const byId = new Map<number, ListRow>()
      for (const r of parts.flat()) byId.set(r.id, r)
      return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, f.limit + 1)
    }
    case 'public':
      return pageQuery(db, f, { communityId: f.communityId ?? -1, publicOnly: true })
    case 'queue':
      return pageQuery(db, f, { communityId: f.communityId ?? -1, publicOnly: false })
    case 'assigned':
      return pageQuery(db, f, { assigneeId: f.userId })
  }
}

/**
 * Claims resolved tickets whose grace period ended, closing each exactly once even with several server instances:
 * PostgreSQL skips rows another instance has locked; SQLite has one writer. The status guard in the UPDATE makes a
 * row closed by someone else in between (a rating, the reporter) drop out.
 */
export async function claimStaleResolved(db: Queryable, engine: Engine, resolvedBefore: string, now: string, limit: number): Promise<TicketRow[]> {
  let pick = db.selectFrom('repair_tickets').select('id').where('status', '=', 'resolved').where('resolved_at', '<=', resolvedBefore).orderBy('resolved_at').limit(limit)
  if (engine === 'postgres') pick = pick.forUpdate().skipLocked()
  const ids = (await pick.execute()).map((r) => r.id)
  if (ids.length === 0) return []
  return db
    .updateTable('repair_tickets')
    .set({ status: 'closed', state_group: 'closed', closed_at: now, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'resolved')
    .returningAll()
    .execute()
}

