import type { RepairParty } from '../../../types/repairs'
import { belongsTo, hasRole, type Actor } from '../../authz'
import type { Deps } from '../../context'
import type { Queryable } from '../../db'
import { notFound } from '../../errors'
import * as repo from './repo'

/** Upload targets: photos everyone who sees the ticket may see, and photos of internal notes. */
export const photoTarget = (id: number) => `repair:${id}`
export const notePhotoTarget = (id: number) => `repairnote:${id}`

/** How the actor stands towards one ticket. Every decision about a ticket is made from this. */
export interface Relation {
  parties: RepairParty[]
  reporter: boolean
  household: boolean
  /** staff, admin or the assigned worker: sees internal notes and the full phone number. */
  crew: boolean
  member: boolean
  visible: boolean
}

export function relationTo(actor: Actor, t: repo.TicketRow): Relation {
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
export async function visibleTicket(db: Queryable, actor: Actor, id: number) {
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

/** The role an event is signed with on the timeline. */
export function actorRole(actor: Actor, t: { community_id: number; reporter_id: number | null }): string {
  if (t.reporter_id === actor.userId) return 'reporter'
  if (hasRole(actor, t.community_id, 'admin')) return 'admin'
  if (hasRole(actor, t.community_id, 'staff')) return 'staff'
  if (hasRole(actor, t.community_id, 'worker')) return 'worker'
  return 'resident'
}
