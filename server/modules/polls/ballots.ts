import { randomInt } from 'node:crypto'
import type { CastBallot, PaperBallot } from '../../../types/schemas/polls'
import { belongsTo, isRepOf, type Actor } from '../../authz'
import type { Deps } from '../../context'
import type { Tx } from '../../db'
import { AppError, forbidden, notFound } from '../../errors'
import { audit } from '../../lib/audit'
import { householdPlace, householdPlaces } from '../community/repo'
import { findSessionUsers, loadActors } from '../identity/repo'
import { canManage, canView, eligibleHouseholds, inScope, loadVisible, type Scope } from './access'
import { GroupCommit, outcomeOf, type Outcome } from './group-commit'
import * as repo from './repo'
import type { PollRow } from './repo'
import { requireOpen } from './state-machine'

// ---------------------------------------------------------------- receipts, choices and the view of a ballot

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

export const parseChoices = (json: string) => JSON.parse(json) as number[]

export function ballotView(
  b: { receipt: string; version: number; channel: 'app' | 'paper'; cast_by: number; choices: string; updated_at: string },
  place: { id: number; building: string; unit: string; room: string },
  { showChoices }: { showChoices: boolean },
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

type Cast = ReturnType<typeof ballotView> & { pollId: number; changed: boolean }

// ---------------------------------------------------------------- app ballots, written in batches

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

interface Checked {
  userId: number
  pollId: number
  householdId: number
  json: string
}

/** The checks of one ballot, in the order the API promises (401, 404, 409, 403/400, 400), from rows read in its batch. */
function checkBallot(actor: Actor | undefined, poll: PollRow | undefined, fixed: FixedParts | undefined, input: CastBallot, now: string): Checked {
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
  const polls = new Map((await repo.findPollsForBallots(tx, deps.engine, [...new Set(jobs.map((j) => j.pollId))])).map((p) => [p.id, p]))
  const fixed = await fixedPartsOf(deps, tx, [...polls.keys()])
  const decided = jobs.map((job) => outcomeOf(() => checkBallot(actorOf.get(job.tokenHash), polls.get(job.pollId), fixed.get(job.pollId), job.input, now)))

  // Rounds: the k-th ballot of a (poll, household) in this batch goes in round k; rows sorted by household so
  // that concurrent batches lock ballot rows in the same order.
  const rounds: { index: number; ballot: Checked }[][] = []
  const seen = new Map<string, number>()
  decided.forEach((d, index) => {
    if (!d.ok) return
    const key = `${d.value.pollId}:${d.value.householdId}`
    const round = seen.get(key) ?? 0
    seen.set(key, round + 1)
    ;(rounds[round] ??= []).push({ index, ballot: d.value })
  })
  const written = new Map<number, Awaited<ReturnType<typeof repo.upsertAppBallots>>[number]>()
  const history: repo.HistoryRow[] = []
  for (const round of rounds) {
    round.sort((a, b) => a.ballot.householdId - b.ballot.householdId)
    const rows = await repo.upsertAppBallots(
      tx,
      round.map(({ ballot: v }) => ({ poll_id: v.pollId, household_id: v.householdId, choices: v.json, channel: 'app' as const, cast_by: v.userId, receipt: newReceipt(), version: 1, created_at: now, updated_at: now })),
    )
    const byKey = new Map(rows.map((r) => [`${r.poll_id}:${r.household_id}`, r]))
    for (const { index, ballot: v } of round) {
      const b = byKey.get(`${v.pollId}:${v.householdId}`)!
      written.set(index, b)
      history.push({ poll_id: v.pollId, household_id: v.householdId, action: b.version === 1 ? 'cast' : 'change', choices: v.json, channel: 'app', actor_id: v.userId, reason: null, note: null, at: now })
    }
  }
  await repo.insertHistory(tx, history)
  const places = new Map((await householdPlaces(tx, [...new Set(history.map((h) => h.household_id))])).map((p) => [p.id, p]))
  return decided.map((d, i) => {
    if (!d.ok) return d
    const b = written.get(i)!
    return { ok: true, value: { pollId: d.value.pollId, changed: b.version > 1, ...ballotView(b, places.get(d.value.householdId)!, { showChoices: true }) } }
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

// ---------------------------------------------------------------- paper ballots and receipts

/** A paper ballot entered by the poll's creator, the household's building representative or staff. */
export async function enterPaperBallot(deps: Deps, actor: Actor, id: number, input: PaperBallot): Promise<Cast> {
  const { poll, scope } = await loadVisible(deps, actor, id)
  const now = deps.now().toISOString()
  const place = await householdPlace(deps.db, input.householdId)
  if (!place || place.community_id !== poll.community_id) throw notFound('房屋不存在')
  if (!(canManage(actor, poll) || isRepOf(actor, poll.community_id, place.building_id))) throw forbidden('只有发起人、本楼楼栋长或物业可以录入纸质票')
  requireOpen(poll, now)
  if (!inScope(scope, place.building_id)) throw new AppError(403, 'NOT_ELIGIBLE', '该房屋不在本次投票范围内')
  const override = input.override === true
  const reason = input.reason?.trim() || null
  if (override && !reason) throw new AppError(400, 'VALIDATION_FAILED', '覆盖手机投票必须填写原因')
  const options = await repo.optionsOf(deps.db, id)
  const json = JSON.stringify(validChoices(poll, options.map((o) => o.id), input.choices))

  const ballot = await deps.db.transaction().execute(async (tx) => {
    const current = await repo.findPollForBallot(tx, deps.engine, id)
    requireOpen(current!, deps.now().toISOString())
    const before = await repo.ballotToReplace(tx, deps.engine, id, place.id)
    const b = await repo.upsertPaperBallot(
      tx,
      { poll_id: id, household_id: place.id, choices: json, channel: 'paper', cast_by: actor.userId, receipt: newReceipt(), version: 1, created_at: now, updated_at: now },
      { override },
    )
    if (!b) throw new AppError(409, 'BALLOT_EXISTS_APP')
    const action = before?.channel === 'app' ? 'override' : 'paper'
    await repo.insertHistory(tx, { poll_id: id, household_id: place.id, action, choices: json, channel: 'paper', actor_id: actor.userId, reason, note: input.note?.trim() || null, at: now })
    if (action === 'override') {
      await audit(tx, { actorId: actor.userId, communityId: poll.community_id, action: 'ballot.override', target: `poll:${id}`, detail: { householdId: place.id, reason }, at: now })
    }
    return b
  })
  return { pollId: id, changed: ballot.version > 1, ...ballotView(ballot, place, { showChoices: true }) }
}

export async function checkReceipt(deps: Deps, actor: Actor, id: number, code: string) {
  await loadVisible(deps, actor, id)
  return { counted: await repo.receiptExists(deps.db, id, code.trim().toUpperCase()) }
}
