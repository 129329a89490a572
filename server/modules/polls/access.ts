import { POLL_PARTIES, type PollParty, type PollStatus } from '../../../types/polls'
import { isStaff, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { notFound } from '../../errors'
import * as repo from './repo'
import type { PollRow } from './repo'

/** Who may see a poll, vote in it and manage it. */

export interface Scope {
  /** Empty: the whole community. */
  buildingIds: number[]
}

export function inScope(scope: Scope, buildingId: number): boolean {
  return scope.buildingIds.length === 0 || scope.buildingIds.includes(buildingId)
}

const isCreator = (actor: Actor, p: PollRow) => p.created_by === actor.userId
const isStaffHere = (actor: Actor, p: PollRow) => isStaff(actor, p.community_id)

export function canManage(actor: Actor, p: PollRow): boolean {
  return isCreator(actor, p) || isStaffHere(actor, p)
}

/** Representatives of a building in scope (any building, for a community-wide poll). */
export function repBuildingsInScope(actor: Actor, p: PollRow, scope: Scope): number[] {
  return actor.roles.filter((r) => r.role === 'rep' && r.communityId === p.community_id && r.buildingId !== null && inScope(scope, r.buildingId)).map((r) => r.buildingId!)
}

export function canView(actor: Actor, p: PollRow, scope: Scope): boolean {
  if (canManage(actor, p)) return true
  if (p.status === 'draft') return false
  return actor.households.some((h) => h.communityId === p.community_id && inScope(scope, h.buildingId)) || repBuildingsInScope(actor, p, scope).length > 0
}

/** The actor's households that may vote in this poll. */
export function eligibleHouseholds(actor: Actor, p: PollRow, scope: Scope) {
  return actor.households.filter((h) => h.communityId === p.community_id && inScope(scope, h.buildingId) && (p.voters === 'members' || h.relation === 'owner'))
}

const IS: Record<PollParty, (actor: Actor, p: PollRow, scope: Scope) => boolean> = {
  creator: isCreator,
  staff: isStaffHere,
  rep: (actor, p, scope) => repBuildingsInScope(actor, p, scope).length > 0,
  voter: (actor, p, scope) => eligibleHouseholds(actor, p, scope).length > 0,
}

/** Everything the actor is to this poll, for the life-cycle table. */
export function partiesOf(actor: Actor, p: PollRow, scope: Scope): PollParty[] {
  return POLL_PARTIES.filter((party) => IS[party](actor, p, scope))
}

export function resultsAvailable(p: PollRow, status: PollStatus): boolean {
  if (status === 'draft') return false
  return p.results_visibility === 'live' || status === 'closed' || status === 'cancelled'
}

/** The poll with its buildings, or a 404 for anyone who may not see it (so its existence is not revealed). */
export async function loadVisible(deps: Deps, actor: Actor, id: number) {
  const poll = await repo.findPoll(deps.db, id)
  if (!poll) throw notFound('投票不存在')
  const buildings = await repo.buildingsOfPoll(deps.db, id)
  const scope: Scope = { buildingIds: buildings.map((b) => b.id) }
  if (!canView(actor, poll, scope)) throw notFound('投票不存在')
  return { poll, buildings, scope }
}
