import type { PollStatus } from '../../../types/polls'
import type { Poll, PollList, TurnoutList } from '../../../types/schemas/polls'
import { isStaff, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { forbidden } from '../../errors'
import { decodeCursor, pageOf } from '../../pagination'
import { householdPlaces, householdsInScope } from '../community/repo'
import { canManage, eligibleHouseholds, loadVisible, repBuildingsInScope, resultsAvailable } from './access'
import { ballotView } from './ballots'
import * as repo from './repo'
import { statusOf } from './state-machine'

/** What people see of polls: the detail, the list and who has not voted yet. */

export async function getPoll(deps: Deps, actor: Actor, id: number): Promise<Poll> {
  const { poll, buildings, scope } = await loadVisible(deps, actor, id)
  const now = deps.now().toISOString()
  const status = statusOf(poll, now)
  const options = await repo.optionsOf(deps.db, id)
  const mine = eligibleHouseholds(actor, poll, scope)
  const places = new Map((await householdPlaces(deps.db, mine.map((h) => h.householdId))).map((h) => [h.id, h]))
  const voted = new Set((await repo.votedAmong(deps.db, [id], mine.map((h) => h.householdId))).map((v) => v.household_id))
  const myHouseholds = mine.map((h) => {
    const p = places.get(h.householdId)!
    return { householdId: p.id, building: p.building, unit: p.unit, room: p.room, voted: voted.has(p.id) }
  })
  const firstVoted = myHouseholds.find((h) => h.voted)
  let myBallot: Poll['myBallot']
  if (firstVoted) {
    const b = await repo.ballotOf(deps.db, id, firstVoted.householdId)
    // In a secret poll only the person who cast the ballot sees its content again; the rest of the household
    // (and everyone else) sees only that the household voted.
    if (b) myBallot = ballotView(b, places.get(firstVoted.householdId)!, { showChoices: poll.secret === 0 || b.cast_by === actor.userId })
  }
  const createdBy = await repo.displayNameOf(deps.db, poll.created_by)
  return {
    id: poll.id,
    title: poll.title,
    description: poll.description,
    kind: poll.kind,
    status,
    legalRule: poll.legal_rule,
    scope: buildings.length ? 'building' : 'community',
    buildings: buildings.map((b) => b.name),
    buildingIds: buildings.map((b) => b.id),
    opensAt: poll.opens_at,
    closesAt: poll.closes_at,
    closedAt: poll.closed_at ?? (status === 'closed' ? poll.closes_at : null),
    closeReason: poll.close_reason,
    cancelReason: poll.cancel_reason,
    voted: myHouseholds.some((h) => h.voted),
    options,
    maxChoices: poll.max_choices,
    secret: poll.secret === 1,
    resultsVisibility: poll.results_visibility,
    voters: poll.voters,
    createdBy: createdBy ?? '',
    myHouseholds,
    ...(myBallot ? { myBallot } : {}),
    canVote: status === 'open' && myHouseholds.length > 0,
    canManage: canManage(actor, poll),
    resultsAvailable: resultsAvailable(poll, status),
  }
}

export async function listPolls(deps: Deps, actor: Actor, query: { status?: PollStatus; cursor?: string; limit?: number }): Promise<PollList> {
  const communityIds = [...new Set([...actor.households.map((h) => h.communityId), ...actor.roles.map((r) => r.communityId)])]
  if (communityIds.length === 0) return { items: [], nextCursor: null }
  const limit = query.limit ?? 20
  const now = deps.now().toISOString()
  const beforeId = query.cursor ? (decodeCursor(query.cursor, ['number'])[0] as number) : undefined
  const rows = await repo.listPolls(deps.db, {
    communityIds,
    staffCommunityIds: communityIds.filter((c) => isStaff(actor, c)),
    userId: actor.userId,
    buildingIds: [...new Set([...actor.households.map((h) => h.buildingId), ...actor.roles.filter((r) => r.role === 'rep' && r.buildingId !== null).map((r) => r.buildingId!)])],
    status: query.status,
    now,
    beforeId,
    limit,
  })
  const page = pageOf(rows, limit, (r) => [r.id])
  const ids = page.items.map((p) => p.id)
  const names = new Map<number, string[]>()
  for (const b of await repo.buildingsOfPolls(deps.db, ids)) names.set(b.poll_id, [...(names.get(b.poll_id) ?? []), b.name])
  const voted = new Set((await repo.votedAmong(deps.db, ids, actor.households.map((h) => h.householdId))).map((v) => v.poll_id))
  return {
    items: page.items.map((p) => ({
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: statusOf(p, now),
      legalRule: p.legal_rule,
      scope: names.has(p.id) ? 'building' : 'community',
      buildings: names.get(p.id) ?? [],
      opensAt: p.opens_at,
      closesAt: p.closes_at,
      voted: voted.has(p.id),
    })),
    nextCursor: page.nextCursor,
  }
}

/** Households that have not voted yet, for door-to-door follow-up: places only, no names or phones. */
export async function turnoutList(deps: Deps, actor: Actor, id: number): Promise<TurnoutList> {
  const { poll, scope } = await loadVisible(deps, actor, id)
  let limitTo: number[] | null = null
  if (!canManage(actor, poll)) {
    limitTo = repBuildingsInScope(actor, poll, scope)
    if (limitTo.length === 0) throw forbidden('只有楼栋长、发起人或物业可以查看未投票名单')
  }
  const households = (await householdsInScope(deps.db, poll.community_id, scope.buildingIds)).filter((h) => limitTo === null || limitTo.includes(h.building_id))
  const ballots = await repo.ballotsOf(deps.db, id)
  const voted = new Set(ballots.map((b) => b.household_id))
  const inApp = new Set(ballots.filter((b) => b.channel === 'app').map((b) => b.household_id))
  // Buildings stay in their configured order; units and rooms go in numeric order (201 before 1001), as on the stairs.
  const buildingOrder = new Map<number, number>()
  for (const h of households) if (!buildingOrder.has(h.building_id)) buildingOrder.set(h.building_id, buildingOrder.size)
  const numeric = (a: string, b: string) => a.localeCompare(b, 'zh', { numeric: true })
  const sorted = households.sort((a, b) => buildingOrder.get(a.building_id)! - buildingOrder.get(b.building_id)! || numeric(a.unit, b.unit) || numeric(a.room, b.room))
  const place = (h: (typeof households)[number]) => ({ householdId: h.id, building: h.building, unit: h.unit, room: h.room })
  const notVoted = sorted.filter((h) => !voted.has(h.id)).map(place)
  // Whether (not how) a household voted in the app: a paper ballot for it needs an explicit override.
  const votedInApp = sorted.filter((h) => inApp.has(h.id)).map(place)
  return { pollId: id, eligibleHouseholds: households.length, voted: households.length - notVoted.length, notVoted, votedInApp }
}
