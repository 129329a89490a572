import { randomInt } from 'node:crypto'
import { areaFromCenti } from '../../../types/format'
import { APPROVE_LABELS, LEGAL_CONDITION_LABELS, POLL_STATUS_LABELS, type PollStatus } from '../../../types/polls'
import type { CastBallot, CreatePoll, PaperBallot, Poll, PollList, PollResults, TurnoutList } from '../../../types/schemas/polls'
import { belongsTo, isRepOf, isStaff, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { type Queryable, type Tx } from '../../db'
import { AppError, forbidden, notFound } from '../../errors'
import { enqueueNotifications, type NotificationKind } from '../../outbox'
import { beijingTime } from '../../time'
import { decodeCursor, pageOf } from '../../pagination'
import { buildingsIn, householdPlace, householdPlaces, householdsInScope, membersOf } from '../community/repo'
import { audit } from '../../lib/audit'
import { csvDocument } from '../../lib/csv'
import { findSessionUsers, loadActors } from '../identity/repo'
import * as repo from './repo'
import type { PollRow } from './repo'
import { decide, GroupCommit, type Outcome } from './group-commit'
import { tally } from './tally'

// ---------------------------------------------------------------- state and access

/** The state people see: the stored one, with the opening and closing times applied. */
export function statusOf(p: Pick<PollRow, 'status' | 'opens_at' | 'closes_at'>, now: string): PollStatus {
  if (p.status !== 'open') return p.status
  if (p.closes_at <= now) return 'closed'
  if (p.opens_at && p.opens_at > now) return 'scheduled'
  return 'open'
}

const STATUS_ERRORS: Record<Exclude<PollStatus, 'open'>, AppError> = {
  draft: new AppError(409, 'POLL_NOT_OPEN', '投票还没有发布'),
  scheduled: new AppError(409, 'POLL_NOT_OPEN'),
  closed: new AppError(409, 'POLL_CLOSED'),
  cancelled: new AppError(409, 'POLL_CANCELLED'),
}

function requireOpen(p: PollRow, now: string) {
  const status = statusOf(p, now)
  if (status !== 'open') throw STATUS_ERRORS[status]
}

interface Scope {
  /** Empty: the whole community. */
  buildingIds: number[]
}

function inScope(scope: Scope, buildingId: number) {
  return scope.buildingIds.length === 0 || scope.buildingIds.includes(buildingId)
}

function canManage(actor: Actor, p: PollRow) {
  return p.created_by === actor.userId || isStaff(actor, p.community_id)
}

/** Representatives of a building in scope (any building, for a community-wide poll). */
function repBuildingsInScope(actor: Actor, p: PollRow, scope: Scope): number[] {
  return actor.roles.filter((r) => r.role === 'rep' && r.communityId === p.community_id && r.buildingId !== null && inScope(scope, r.buildingId)).map((r) => r.buildingId!)
}

function canView(actor: Actor, p: PollRow, scope: Scope) {
  if (canManage(actor, p)) return true
  if (p.status === 'draft') return false
  return actor.households.some((h) => h.communityId === p.community_id && inScope(scope, h.buildingId)) || repBuildingsInScope(actor, p, scope).length > 0
}

/** The actor's households that may vote in this poll. */
function eligibleHouseholds(actor: Actor, p: PollRow, scope: Scope) {
  return actor.households.filter((h) => h.communityId === p.community_id && inScope(scope, h.buildingId) && (p.voters === 'members' || h.relation === 'owner'))
}

async function loadVisible(deps: Deps, actor: Actor, id: number) {
  const poll = await repo.findPoll(deps.db, id)
  if (!poll) throw notFound('投票不存在')
  const buildings = await repo.buildingsOfPoll(deps.db, id)
  const scope: Scope = { buildingIds: buildings.map((b) => b.id) }
  if (!canView(actor, poll, scope)) throw notFound('投票不存在')
  return { poll, buildings, scope }
}

function badRequest(message: string) {
  return new AppError(400, 'VALIDATION_FAILED', message)
}

const iso = (text: string) => new Date(text).toISOString()

// ---------------------------------------------------------------- receipts and choices

// No 0/O, 1/I/L: receipts are read aloud and copied from paper.
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
function newReceipt(): string {
  let code = ''
  for (let i = 0; i < 12; i++) code += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]
  return code
}

/** Sorted option ids, or a 400 saying what is wrong with them. */
function validChoices(p: PollRow, optionIds: number[], choices: number[]): number[] {
  const sorted = [...new Set(choices)].sort((a, b) => a - b)
  if (sorted.length !== choices.length) throw new AppError(400, 'INVALID_CHOICES', '选项重复')
  if (sorted.some((c) => !optionIds.includes(c))) throw new AppError(400, 'INVALID_CHOICES', '所选选项不属于本次投票')
  if (p.kind === 'multi') {
    if (sorted.length > p.max_choices) throw new AppError(400, 'INVALID_CHOICES', `最多可选 ${p.max_choices} 项`)
  } else if (sorted.length !== 1) {
    throw new AppError(400, 'INVALID_CHOICES', '请只选择一项')
  }
  return sorted
}

const parseChoices = (json: string) => JSON.parse(json) as number[]

// ---------------------------------------------------------------- lifecycle

export async function createPoll(deps: Deps, actor: Actor, input: CreatePoll): Promise<Poll> {
  const now = deps.now().toISOString()
  const closesAt = iso(input.closesAt)
  const opensAt = input.opensAt ? iso(input.opensAt) : null
  if (closesAt <= now) throw new AppError(422, 'INVALID_SCHEDULE', '截止时间必须晚于现在')
  if (opensAt && opensAt >= closesAt) throw new AppError(422, 'INVALID_SCHEDULE', '开始时间必须早于截止时间')

  const buildingIds = [...new Set(input.buildingIds ?? [])]
  const staffGrant = actor.roles.find((r) => r.role === 'staff' || r.role === 'admin')
  let communityId: number
  if (staffGrant) {
    communityId = staffGrant.communityId
  } else {
    const reps = actor.roles.filter((r) => r.role === 'rep')
    if (reps.length === 0) throw forbidden('只有楼栋长、物业或管理员可以发起投票')
    if (buildingIds.length === 0) throw forbidden('楼栋长只能为自己负责的楼栋发起投票，请选择楼栋')
    communityId = reps[0]!.communityId
    if (!buildingIds.every((b) => isRepOf(actor, communityId, b))) throw forbidden('楼栋长只能为自己负责的楼栋发起投票')
  }

  let labels: string[]
  let maxChoices = 1
  if (input.kind === 'approve') {
    if (input.options !== undefined) throw badRequest('表决类投票的选项固定为“同意、反对、弃权”，不需要填写选项')
    if (input.maxChoices !== undefined && input.maxChoices !== 1) throw badRequest('表决类投票只能选一项')
    labels = [...APPROVE_LABELS]
  } else {
    labels = (input.options ?? []).map((o) => o.trim())
    if (labels.length < 2) throw badRequest('至少需要 2 个选项')
    if (labels.some((l) => l.length === 0)) throw badRequest('选项不能为空')
    if (new Set(labels).size !== labels.length) throw badRequest('选项不能重复')
    if (input.kind === 'single') {
      if (input.maxChoices !== undefined && input.maxChoices !== 1) throw badRequest('单选投票只能选一项')
    } else {
      maxChoices = input.maxChoices ?? labels.length
      if (maxChoices < 2 || maxChoices > labels.length) throw badRequest(`最多可选项数应在 2 到 ${labels.length} 之间`)
    }
  }
  if (input.legalRule !== 'none') {
    if (input.kind !== 'approve') throw badRequest('业主共同决定事项必须使用“同意/反对/弃权”表决')
    if (input.voters !== 'owners') throw badRequest('业主共同决定事项只能由业主投票')
  }
  if (input.title.trim().length === 0) throw badRequest('请填写标题')

  const id = await deps.db.transaction().execute(async (tx) => {
    const found = await buildingsIn(tx, communityId, buildingIds)
    if (found.length !== buildingIds.length) throw badRequest('所选楼栋不存在')
    const pollId = await repo.insertPoll(tx, {
      community_id: communityId,
      title: input.title.trim(),
      description: input.description ?? '',
      kind: input.kind,
      max_choices: maxChoices,
      legal_rule: input.legalRule,
      voters: input.voters,
      secret: input.secret ? 1 : 0,
      results_visibility: input.resultsVisibility,
      status: 'draft',
      opens_at: opensAt,
      closes_at: closesAt,
      created_by: actor.userId,
      created_at: now,
    })
    await repo.insertOptions(tx, pollId, labels)
    await repo.insertPollBuildings(tx, pollId, buildingIds)
    await audit(tx, { actorId: actor.userId, communityId, action: 'poll.create', target: `poll:${pollId}`, detail: { kind: input.kind, legalRule: input.legalRule, buildingIds }, at: now })
    return pollId
  })
  return getPoll(deps, actor, id)
}

async function managed(deps: Deps, actor: Actor, id: number) {
  const loaded = await loadVisible(deps, actor, id)
  if (!canManage(actor, loaded.poll)) throw forbidden('只有发起人或物业可以管理这个投票')
  return loaded
}

/** After a transition matched no row: say why, from the state the poll is in now. */
async function whyNot(db: Queryable, id: number, now: string): Promise<AppError> {
  const p = await repo.findPoll(db, id)
  const status = p ? statusOf(p, now) : 'cancelled'
  if (status === 'open' || status === 'scheduled') return new AppError(409, 'POLL_NOT_DRAFT')
  return STATUS_ERRORS[status]
}

export async function openPoll(deps: Deps, actor: Actor, id: number): Promise<Poll> {
  const { poll, scope } = await managed(deps, actor, id)
  const now = deps.now().toISOString()
  if (poll.status === 'draft' && poll.closes_at <= now) throw new AppError(422, 'INVALID_SCHEDULE', '截止时间已过，请重新创建投票')
  await deps.db.transaction().execute(async (tx) => {
    const changed = await repo.transition(tx, id, ['draft'], now, { status: 'open' }, false)
    if (changed === 0) throw await whyNot(tx, id, now)
    await notifyVoters(tx, poll, scope.buildingIds, false, { kind: 'poll.opened', title: `新投票：${poll.title}`, body: `请在 ${beijingTime(poll.closes_at)} 前代表本户投票。` }, deps.now())
    await audit(tx, { actorId: actor.userId, communityId: poll.community_id, action: 'poll.open', target: `poll:${id}`, at: now })
  })
  return getPoll(deps, actor, id)
}

export async function closePoll(deps: Deps, actor: Actor, id: number, reason: string | undefined): Promise<Poll> {
  const { poll } = await managed(deps, actor, id)
  const now = deps.now().toISOString()
  await deps.db.transaction().execute(async (tx) => {
    const changed = await repo.transition(tx, id, ['open'], now, { status: 'closed', closed_at: now, close_reason: reason ?? null, results_notified_at: now }, true)
    if (changed === 0) {
      const status = statusOf((await repo.findPoll(tx, id))!, now)
      throw status === 'open' || status === 'scheduled' ? new AppError(409, 'CONFLICT') : STATUS_ERRORS[status]
    }
    await notifyResults(tx, poll, deps.now())
    await audit(tx, { actorId: actor.userId, communityId: poll.community_id, action: 'poll.close', target: `poll:${id}`, detail: { reason: reason ?? null }, at: now })
  })
  return getPoll(deps, actor, id)
}

// ---------------------------------------------------------------- notifications

/**
 * Tells the people who may vote — every member of a household in scope, or only owners when only owners vote — in the
 * caller's transaction. `notVotedOnly` leaves out households that have voted.
 */
async function notifyVoters(tx: Tx, poll: PollRow, buildingIds: number[], notVotedOnly: boolean, message: { kind: NotificationKind; title: string; body: string }, at: Date) {
  let households = await householdsInScope(tx, poll.community_id, buildingIds)
  if (notVotedOnly) {
    const voted = new Set((await repo.ballotsOf(tx, poll.id)).map((b) => b.household_id))
    households = households.filter((h) => !voted.has(h.id))
  }
  const members = await membersOf(tx, households.map((h) => h.id))
  const userIds = [...new Set(members.filter((m) => poll.voters === 'members' || m.relation === 'owner').map((m) => m.user_id))]
  await enqueueNotifications(
    tx,
    userIds.map((userId) => ({ userId, communityId: poll.community_id, ...message, link: `/pages/polls/detail?id=${poll.id}` })),
    at,
  )
}

async function notifyResults(tx: Tx, poll: PollRow, at: Date) {
  const buildingIds = (await repo.buildingsOfPoll(tx, poll.id)).map((b) => b.id)
  await notifyVoters(tx, poll, buildingIds, false, { kind: 'poll.results', title: `投票结果已公布：${poll.title}`, body: '投票已结束，点开查看结果。' }, at)
}

const REMINDER_BEFORE_MS = 24 * 3600_000

/**
 * The background half of the poll notifications: a reminder to households that have not voted when a poll closes
 * within 24 hours, and the results when a poll reached its closing time (an early close announces them itself).
 * Each poll is claimed by setting its flag in the transaction that enqueues, so it is announced once on any number
 * of instances. `now` is a parameter for tests. Returns how many polls it announced.
 */
export async function runPollNotifications(deps: Deps, now = deps.now(), batch = 50): Promise<{ reminded: number; published: number }> {
  const at = now.toISOString()
  const until = new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString()
  const counts = { reminded: 0, published: 0 }
  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const polls = await repo.claimClosingSoon(tx, deps.engine, at, until, batch)
      for (const p of polls) {
        const buildingIds = (await repo.buildingsOfPoll(tx, p.id)).map((b) => b.id)
        await notifyVoters(tx, p, buildingIds, true, { kind: 'poll.closing', title: `投票即将截止：${p.title}`, body: `本户还没有投票，${beijingTime(p.closes_at)} 截止。` }, now)
      }
      return polls.length
    })
    counts.reminded += n
    if (n < batch) break
  }
  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const polls = await repo.claimResultsDue(tx, deps.engine, at, batch)
      for (const p of polls) await notifyResults(tx, p, now)
      return polls.length
    })
    counts.published += n
    if (n < batch) break
  }
  return counts
}

/** Cancelled polls keep their ballots for the record; a finished poll cannot be cancelled any more. */
export async function cancelPoll(deps: Deps, actor: Actor, id: number, reason: string): Promise<Poll> {
  const { poll } = await managed(deps, actor, id)
  const now = deps.now().toISOString()
  await deps.db.transaction().execute(async (tx) => {
    const changed = await repo.transition(tx, id, ['draft', 'open'], now, { status: 'cancelled', closed_at: now, cancel_reason: reason }, true)
    if (changed === 0) {
      const status = statusOf((await repo.findPoll(tx, id))!, now)
      throw status === 'closed' || status === 'cancelled' ? STATUS_ERRORS[status] : new AppError(409, 'CONFLICT')
    }
    await audit(tx, { actorId: actor.userId, communityId: poll.community_id, action: 'poll.cancel', target: `poll:${id}`, detail: { reason }, at: now })
  })
  return getPoll(deps, actor, id)
}

// ---------------------------------------------------------------- reading

function ballotView(
  b: { receipt: string; version: number; channel: 'app' | 'paper'; cast_by: number; choices: string; updated_at: string },
  place: { id: number; building: string; unit: string; room: string },
  showChoices: boolean,
) {
  return {
    householdId: place.id,
    building: place.building,
    unit: place.unit,
    room: place.room,
    ...(showChoices ? { choices: parseChoices(b.choices) } : {}),
    channel: b.channel,
    receipt: b.receipt,
    castAt: b.updated_at,
    changes: b.version - 1,
  }
}

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
    if (b) myBallot = ballotView(b, places.get(firstVoted.householdId)!, poll.secret === 0 || b.cast_by === actor.userId)
  }
  const creator = await deps.db.selectFrom('users').select('display_name').where('id', '=', poll.created_by).executeTakeFirst()
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
    createdBy: creator?.display_name ?? '',
    myHouseholds,
    ...(myBallot ? { myBallot } : {}),
    canVote: status === 'open' && myHouseholds.length > 0,
    canManage: canManage(actor, poll),
    resultsAvailable: resultsAvailable(poll, status),
  }
}

function resultsAvailable(p: PollRow, status: PollStatus) {
  if (status === 'draft') return false
  return p.results_visibility === 'live' || status === 'closed' || status === 'cancelled'
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
  for (const b of await repo.buildingNamesOfPolls(deps.db, ids)) names.set(b.poll_id, [...(names.get(b.poll_id) ?? []), b.name])
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

// ---------------------------------------------------------------- voting

/**
 * A poll's scope and options never change after it is created, so the hot voting path reads them once per
 * process (per database handle); everything that can change — the poll's state, the session, the voter's
 * households and roles — is read inside the transaction that writes the ballot.
 */
interface FixedParts {
  buildingIds: number[]
  optionIds: number[]
}
const fixedParts = new WeakMap<Deps['db'], Map<number, FixedParts>>()

async function fixedPartsOf(deps: Deps, tx: Tx, ids: number[]): Promise<Map<number, FixedParts>> {
  let perDb = fixedParts.get(deps.db)
  if (!perDb) fixedParts.set(deps.db, (perDb = new Map()))
  const missing = ids.filter((id) => !perDb.has(id))
  if (missing.length > 0) {
    if (perDb.size + missing.length > 1000) perDb.clear()
    const { options, buildings } = await repo.fixedPartsOfPolls(tx, missing)
    for (const id of missing) perDb.set(id, { buildingIds: [], optionIds: [] })
    for (const o of options) perDb.get(o.poll_id)!.optionIds.push(o.id)
    for (const b of buildings) perDb.get(b.poll_id)!.buildingIds.push(b.building_id)
  }
  return perDb
}

interface BallotJob {
  /** sha256 of the bearer token: the session is checked inside the batch. */
  tokenHash: string
  pollId: number
  input: CastBallot
}
type Cast = ReturnType<typeof ballotView> & { pollId: number; changed: boolean }

/** The checks of one ballot, in the order the API promises (401, 404, 409, 403/400, 400), from rows read in its batch. */
function checkBallot(actor: Actor | undefined, poll: PollRow | undefined, fixed: FixedParts | undefined, input: CastBallot, now: string) {
  if (!actor) throw new AppError(401, 'SESSION_EXPIRED')
  if (!poll || !fixed) throw notFound('投票不存在')
  const scope: Scope = { buildingIds: fixed.buildingIds }
  // A neighbour of another building learns that the poll is not theirs; people of other compounds learn nothing.
  if (!canView(actor, poll, scope) && !(poll.status !== 'draft' && belongsTo(actor, poll.community_id))) throw notFound('投票不存在')
  requireOpen(poll, now)
  const candidates = eligibleHouseholds(actor, poll, scope)
  let householdId: number
  if (input.householdId !== undefined) {
    if (!candidates.some((h) => h.householdId === input.householdId)) throw new AppError(403, 'NOT_ELIGIBLE')
    householdId = input.householdId
  } else if (candidates.length === 1) {
    householdId = candidates[0]!.householdId
  } else if (candidates.length === 0) {
    const onlyOwners = poll.voters === 'owners' && actor.households.some((h) => h.communityId === poll.community_id && inScope(scope, h.buildingId))
    throw new AppError(403, 'NOT_ELIGIBLE', onlyOwners ? '本次投票仅限业主本人投票' : undefined)
  } else {
    throw new AppError(400, 'HOUSEHOLD_REQUIRED')
  }
  return { userId: actor.userId, pollId: poll.id, householdId, json: JSON.stringify(validChoices(poll, fixed.optionIds, input.choices)) }
}

/**
 * Writes one batch of ballots in one transaction with a fixed number of statements whatever its size: the
 * sessions and the voters' households and roles, the polls (share-locked on PostgreSQL, so a close waits for the
 * ballots already being written, and a close that committed first wins), then one upsert per round and one
 * history insert. A household that sent several ballots in the batch gets them applied in order of arrival, one
 * per round, so no statement touches a row twice.
 */
async function writeBallots(deps: Deps, tx: Tx, jobs: BallotJob[]): Promise<Outcome<Cast>[]> {
  const now = deps.now().toISOString()
  const sessions = await findSessionUsers(tx, [...new Set(jobs.map((j) => j.tokenHash))], now)
  const actors = await loadActors(tx, sessions)
  const actorOf = new Map(sessions.map((s, i) => [s.token_hash, actors[i]!]))
  const pollIds = [...new Set(jobs.map((j) => j.pollId))]
  const polls = new Map((await repo.findPolls(tx, pollIds, deps.engine === 'postgres' ? 'share' : null)).map((p) => [p.id, p]))
  const fixed = await fixedPartsOf(deps, tx, [...polls.keys()])
  const decided = jobs.map((job) => decide(() => checkBallot(actorOf.get(job.tokenHash), polls.get(job.pollId), fixed.get(job.pollId), job.input, now)))

  // Rounds: the k-th ballot of a (poll, household) in this batch goes in round k; rows sorted by household so
  // that concurrent batches lock ballot rows in the same order.
  const rounds: number[][] = []
  const seen = new Map<string, number>()
  decided.forEach((d, i) => {
    if (!d.ok) return
    const key = `${d.value.pollId}:${d.value.householdId}`
    const round = seen.get(key) ?? 0
    seen.set(key, round + 1)
    ;(rounds[round] ??= []).push(i)
  })
  const written = new Map<number, Awaited<ReturnType<typeof repo.upsertAppBallots>>[number]>()
  const history: repo.HistoryRow[] = []
  for (const round of rounds) {
    round.sort((a, b) => (decided[a] as { value: { householdId: number } }).value.householdId - (decided[b] as { value: { householdId: number } }).value.householdId)
    const values = round.map((i) => (decided[i] as { value: ReturnType<typeof checkBallot> }).value)
    const rows = await repo.upsertAppBallots(
      tx,
      values.map((v) => ({ poll_id: v.pollId, household_id: v.householdId, choices: v.json, channel: 'app' as const, cast_by: v.userId, receipt: newReceipt(), version: 1, created_at: now, updated_at: now })),
    )
    const byKey = new Map(rows.map((r) => [`${r.poll_id}:${r.household_id}`, r]))
    round.forEach((i, k) => {
      const v = values[k]!
      const b = byKey.get(`${v.pollId}:${v.householdId}`)!
      written.set(i, b)
      history.push({ poll_id: v.pollId, household_id: v.householdId, action: b.version === 1 ? 'cast' : 'change', choices: v.json, channel: 'app', actor_id: v.userId, reason: null, note: null, at: now })
    })
  }
  await repo.insertHistory(tx, history)
  const places = new Map((await householdPlaces(tx, [...new Set(history.map((h) => h.household_id))])).map((p) => [p.id, p]))
  return decided.map((d, i) => {
    if (!d.ok) return d
    const b = written.get(i)!
    return { ok: true, value: { pollId: d.value.pollId, changed: b.version > 1, ...ballotView(b, places.get(d.value.householdId)!, true) } }
  })
}

const writers = new WeakMap<Deps['db'], GroupCommit<BallotJob, Cast>>()
function writerFor(deps: Deps) {
  let w = writers.get(deps.db)
  if (!w) writers.set(deps.db, (w = new GroupCommit(deps.db, (tx, jobs) => writeBallots(deps, tx, jobs), { parallel: deps.engine === 'postgres' ? 4 : 1 })))
  return w
}

/**
 * Casts or changes the household's ballot. The request waits for the next batch (see group-commit.ts), where
 * every rule is checked against the rows of that transaction and the ballot is written; it is answered once
 * the batch has committed.
 */
export async function castBallot(deps: Deps, tokenHash: string, id: number, input: CastBallot): Promise<Cast> {
  return writerFor(deps).submit({ tokenHash, pollId: id, input })
}

/** A paper ballot entered by the poll's creator, the household's building representative or staff. */
export async function enterPaperBallot(deps: Deps, actor: Actor, id: number, input: PaperBallot) {
  const { poll, scope } = await loadVisible(deps, actor, id)
  const now = deps.now().toISOString()
  const place = await householdPlace(deps.db, input.householdId)
  if (!place || place.community_id !== poll.community_id) throw notFound('房屋不存在')
  if (!(canManage(actor, poll) || isRepOf(actor, poll.community_id, place.building_id))) throw forbidden('只有发起人、本楼楼栋长或物业可以录入纸质票')
  requireOpen(poll, now)
  if (!inScope(scope, place.building_id)) throw new AppError(403, 'NOT_ELIGIBLE', '该房屋不在本次投票范围内')
  const override = input.override === true
  const reason = input.reason?.trim() || null
  if (override && !reason) throw badRequest('覆盖手机投票必须填写原因')
  const options = await repo.optionsOf(deps.db, id)
  const choices = validChoices(poll, options.map((o) => o.id), input.choices)
  const json = JSON.stringify(choices)

  const ballot = await deps.db.transaction().execute(async (tx) => {
    const current = await repo.findPoll(tx, id, deps.engine === 'postgres' ? 'share' : null)
    requireOpen(current!, deps.now().toISOString())
    const before = await repo.ballotOf(tx, id, place.id, deps.engine === 'postgres')
    const b = await repo.upsertPaperBallot(tx, { poll_id: id, household_id: place.id, choices: json, channel: 'paper', cast_by: actor.userId, receipt: newReceipt(), version: 1, created_at: now, updated_at: now }, override)
    if (!b) throw new AppError(409, 'BALLOT_EXISTS_APP')
    const action = before?.channel === 'app' ? 'override' : 'paper'
    await repo.insertHistory(tx, { poll_id: id, household_id: place.id, action, choices: json, channel: 'paper', actor_id: actor.userId, reason, note: input.note?.trim() || null, at: now })
    if (action === 'override') {
      await audit(tx, { actorId: actor.userId, communityId: poll.community_id, action: 'ballot.override', target: `poll:${id}`, detail: { householdId: place.id, reason }, at: now })
    }
    return b
  })
  return { pollId: id, changed: ballot.version > 1, ...ballotView(ballot, place, true) }
}

export async function checkReceipt(deps: Deps, actor: Actor, id: number, code: string) {
  await loadVisible(deps, actor, id)
  return { counted: await repo.receiptExists(deps.db, id, code.trim().toUpperCase()) }
}

// ---------------------------------------------------------------- results

const pct = (n: number, d: number) => (d > 0 ? Math.round((n * 1000) / d) / 10 : 0)

async function computeResults(db: Queryable, poll: PollRow, scope: Scope, status: PollStatus) {
  const [households, ballots, options] = await Promise.all([householdsInScope(db, poll.community_id, scope.buildingIds), repo.ballotsOf(db, poll.id), repo.optionsOf(db, poll.id)])
  const t = tally({
    households: households.map((h) => ({ id: h.id, areaCenti: h.area_centi, ownerKey: h.owner_key })),
    ballots: ballots.map((b) => ({ householdId: b.household_id, choices: parseChoices(b.choices) })),
    optionIds: options.map((o) => o.id),
    legalRule: poll.legal_rule,
    agreeOptionId: poll.kind === 'approve' ? options[0]?.id : undefined,
  })
  const final = status === 'closed' || status === 'cancelled'
  const labels = new Map(options.map((o) => [o.id, o.label]))
  const results: PollResults = {
    pollId: poll.id,
    status,
    final,
    turnout: {
      households: t.turnout.households,
      eligibleHouseholds: t.turnout.eligibleHouseholds,
      owners: t.turnout.owners,
      eligibleOwners: t.turnout.eligibleOwners,
      area: areaFromCenti(t.turnout.areaCenti),
      eligibleArea: areaFromCenti(t.turnout.eligibleAreaCenti),
    },
    options: t.options.map((o) => ({ id: o.id, label: labels.get(o.id)!, households: o.households, owners: o.owners, area: areaFromCenti(o.areaCenti) })),
  }
  if (t.legal) {
    results.legal = {
      ...t.legal,
      conditions: t.legal.conditions.map((c) => ({
        name: c.name,
        value: pct(c.numerator, c.denominator),
        required: Math.round((c.num * 1000) / c.den) / 10,
        fraction: `${c.num}/${c.den}`,
        op: c.op,
        numerator: c.unit === 'area' ? areaFromCenti(c.numerator) : c.numerator,
        denominator: c.unit === 'area' ? areaFromCenti(c.denominator) : c.denominator,
        unit: c.unit,
        met: c.met,
      })),
    }
  }
  if (final && poll.secret === 0) {
    const places = new Map(households.map((h) => [h.id, h]))
    results.ballots = ballots
      .filter((b) => places.has(b.household_id))
      .map((b) => {
        const h = places.get(b.household_id)!
        return { householdId: h.id, building: h.building, unit: h.unit, room: h.room, choices: parseChoices(b.choices), channel: b.channel }
      })
  }
  return results
}

export async function getResults(deps: Deps, actor: Actor, id: number): Promise<PollResults> {
  const { poll, scope } = await loadVisible(deps, actor, id)
  const status = statusOf(poll, deps.now().toISOString())
  if (status === 'draft') throw STATUS_ERRORS.draft
  if (!resultsAvailable(poll, status)) throw new AppError(409, 'POLL_RESULTS_HIDDEN')
  return computeResults(deps.db, poll, scope, status)
}

/** The public record (公示): totals, the legal verdict and, for a named poll after closing, each household's vote. No names, no phones. */
export async function resultsCsv(deps: Deps, actor: Actor, id: number): Promise<string> {
  const r = await getResults(deps, actor, id)
  const poll = (await repo.findPoll(deps.db, id))!
  const labels = new Map(r.options.map((o) => [o.id, o.label]))
  const rows: (string | number)[][] = [
    ['投票', poll.title],
    ['状态', POLL_STATUS_LABELS[r.status]],
    ['截止时间', poll.closes_at],
    [],
    ['参与户数', r.turnout.households, '应投户数', r.turnout.eligibleHouseholds],
    ['参与人数', r.turnout.owners, '业主人数', r.turnout.eligibleOwners],
    ['参与面积(m²)', r.turnout.area.toFixed(2), '总面积(m²)', r.turnout.eligibleArea.toFixed(2)],
    [],
    ['选项', '户数', '人数', '面积(m²)'],
    ...r.options.map((o) => [o.label, o.households, o.owners, o.area.toFixed(2)]),
  ]
  if (r.legal) {
    rows.push([], ['法定条件', '实际', '要求', '是否满足'])
    for (const c of r.legal.conditions) rows.push([LEGAL_CONDITION_LABELS[c.name], `${c.numerator}/${c.denominator} (${c.value}%)`, `${c.op}${c.fraction}`, c.met ? '是' : '否'])
    rows.push(['结论', r.legal.passed ? '通过' : r.legal.quorumMet ? '未通过' : '未达到法定参与比例，未通过'])
  }
  if (r.ballots) {
    rows.push([], ['楼栋', '单元', '房号', '选择', '方式'])
    for (const b of r.ballots) rows.push([b.building, b.unit, b.room, b.choices.map((c) => labels.get(c) ?? '').join('、'), b.channel === 'paper' ? '纸质' : '线上'])
  }
  return csvDocument(rows)
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
