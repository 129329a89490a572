import type { PollStatus, PollStoredStatus } from '../../../types/polls'
import type { Engine, Queryable, Tx } from '../../db'
import type { BallotHistoryTable, BallotTable, Database, PollTable } from '../../db/schema'
import type { Expression, ExpressionBuilder, Insertable, SqlBool } from 'kysely'

/** SQL about polls and ballots; no rules here. */

export type PollRow = Awaited<ReturnType<typeof findPoll>> & {}

export async function insertPoll(tx: Tx, values: Insertable<PollTable>): Promise<number> {
  const row = await tx.insertInto('polls').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertOptions(tx: Tx, pollId: number, labels: readonly string[]) {
  await tx
    .insertInto('poll_options')
    .values(labels.map((label, i) => ({ poll_id: pollId, position: i + 1, label })))
    .execute()
}

export async function insertPollBuildings(tx: Tx, pollId: number, buildingIds: number[]) {
  if (buildingIds.length === 0) return
  await tx
    .insertInto('poll_buildings')
    .values(buildingIds.map((building_id) => ({ poll_id: pollId, building_id })))
    .execute()
}

export async function findPoll(db: Queryable, id: number) {
  return db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * The polls that ballots are being written for, with a shared row lock on PostgreSQL so that a ballot and a close
 * of the same poll are ordered (SQLite's single writer orders them already).
 */
export async function findPollsForBallots(tx: Tx, engine: Engine, ids: number[]) {
  if (ids.length === 0) return []
  const q = tx.selectFrom('polls').selectAll().where('id', 'in', ids)
  return (engine === 'postgres' ? q.forShare() : q).execute()
}

export async function findPollForBallot(tx: Tx, engine: Engine, id: number) {
  return (await findPollsForBallots(tx, engine, [id]))[0]
}

export async function displayNameOf(db: Queryable, userId: number) {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst()
  return row?.display_name
}

/** Options and buildings of several polls, which never change once a poll exists. */
export async function fixedPartsOfPolls(db: Queryable, ids: number[]) {
  if (ids.length === 0) return { options: [], buildings: [] }
  const [options, buildings] = await Promise.all([
    db.selectFrom('poll_options').select(['poll_id', 'id']).where('poll_id', 'in', ids).orderBy('poll_id').orderBy('position').execute(),
    db.selectFrom('poll_buildings').select(['poll_id', 'building_id']).where('poll_id', 'in', ids).execute(),
  ])
  return { options, buildings }
}

export async function optionsOf(db: Queryable, pollId: number) {
  return db.selectFrom('poll_options').select(['id', 'label']).where('poll_id', '=', pollId).orderBy('position').execute()
}

/** The buildings of each poll (none: the whole community), in the compound's order. */
export async function buildingsOfPolls(db: Queryable, pollIds: number[]) {
  if (pollIds.length === 0) return []
  return db
    .selectFrom('poll_buildings')
    .innerJoin('buildings', 'buildings.id', 'poll_buildings.building_id')
    .select(['poll_buildings.poll_id', 'buildings.id', 'buildings.name'])
    .where('poll_buildings.poll_id', 'in', pollIds)
    .orderBy('buildings.sort')
    .orderBy('buildings.id')
    .execute()
}

export async function buildingsOfPoll(db: Queryable, pollId: number) {
  return buildingsOfPolls(db, [pollId])
}

export interface ListFilter {
  communityIds: number[]
  staffCommunityIds: number[]
  userId: number
  /** Buildings the person lives in or represents: polls of those buildings (and community-wide ones) are theirs. */
  buildingIds: number[]
  status?: PollStatus
  now: string
  beforeId?: number
  limit: number
}

export async function listPolls(db: Queryable, f: ListFilter) {
  const none = [-1]
  let q = db
    .selectFrom('polls')
    .selectAll()
    .where('community_id', 'in', f.communityIds)
    .where((eb) =>
      eb.or([
        eb('community_id', 'in', f.staffCommunityIds.length ? f.staffCommunityIds : none),
        eb('created_by', '=', f.userId),
        eb.and([
          eb('status', '!=', 'draft'),
          eb.or([
            eb.not(eb.exists(eb.selectFrom('poll_buildings').select('poll_buildings.poll_id').whereRef('poll_buildings.poll_id', '=', 'polls.id'))),
            eb.exists(
              eb
                .selectFrom('poll_buildings')
                .select('poll_buildings.poll_id')
                .whereRef('poll_buildings.poll_id', '=', 'polls.id')
                .where('poll_buildings.building_id', 'in', f.buildingIds.length ? f.buildingIds : none),
            ),
          ]),
        ]),
      ]),
    )
  switch (f.status) {
    case 'draft':
    case 'cancelled':
      q = q.where('status', '=', f.status)
      break
    case 'scheduled':
      q = q.where('status', '=', 'open').where('opens_at', '>', f.now).where('closes_at', '>', f.now)
      break
    case 'open':
      q = q
        .where('status', '=', 'open')
        .where('closes_at', '>', f.now)
        .where((eb) => eb.or([eb('opens_at', 'is', null), eb('opens_at', '<=', f.now)]))
      break
    case 'closed':
      q = q.where((eb) => eb.or([eb('status', '=', 'closed'), eb.and([eb('status', '=', 'open'), eb('closes_at', '<=', f.now)])]))
      break
    default:
      break
  }
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId)
  return q.orderBy('id', 'desc').limit(f.limit + 1).execute()
}

export async function votedAmong(db: Queryable, pollIds: number[], householdIds: number[]) {
  if (pollIds.length === 0 || householdIds.length === 0) return []
  return db.selectFrom('ballots').select(['poll_id', 'household_id']).where('poll_id', 'in', pollIds).where('household_id', 'in', householdIds).execute()
}

const BALLOT_RETURNING = ['receipt', 'version', 'channel', 'cast_by', 'choices', 'updated_at'] as const

/**
 * Casts or changes app ballots, one row per (poll, household) — the caller never repeats a pair in one call: a
 * single statement made unique by the (poll, household) index, for any number of households.
 */
export async function upsertAppBallots(tx: Tx, rows: Insertable<BallotTable>[]) {
  if (rows.length === 0) return []
  return tx
    .insertInto('ballots')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['poll_id', 'household_id']).doUpdateSet((eb) => ({
        choices: eb.ref('excluded.choices'),
        channel: eb.ref('excluded.channel'),
        cast_by: eb.ref('excluded.cast_by'),
        updated_at: eb.ref('excluded.updated_at'),
        version: eb('ballots.version', '+', 1),
      })),
    )
    .returning([...BALLOT_RETURNING, 'poll_id', 'household_id'])
    .execute()
}

/**
 * Records a paper ballot. Without `override` an existing app ballot is left alone and nothing is returned,
 * decided by the same statement, so an app vote arriving at the same moment is never overwritten silently.
 */
export async function upsertPaperBallot(tx: Tx, values: Insertable<BallotTable>, { override }: { override: boolean }) {
  return tx
    .insertInto('ballots')
    .values(values)
    .onConflict((oc) => {
      const update = oc.columns(['poll_id', 'household_id']).doUpdateSet((eb) => ({
        choices: eb.ref('excluded.choices'),
        channel: eb.ref('excluded.channel'),
        cast_by: eb.ref('excluded.cast_by'),
        updated_at: eb.ref('excluded.updated_at'),
        version: eb('ballots.version', '+', 1),
      }))
      return override ? update : update.where('ballots.channel', '=', 'paper')
    })
    .returning(BALLOT_RETURNING)
    .executeTakeFirst()
}

export type HistoryRow = Insertable<BallotHistoryTable>

/** Appends to the history, in the order given. */
export async function insertHistory(tx: Tx, rows: HistoryRow | HistoryRow[]) {
  if (Array.isArray(rows) && rows.length === 0) return
  await tx.insertInto('ballot_history').values(rows).execute()
}

function selectBallot(db: Queryable, pollId: number, householdId: number) {
  return db.selectFrom('ballots').select([...BALLOT_RETURNING, 'household_id']).where('poll_id', '=', pollId).where('household_id', '=', householdId)
}

export async function ballotOf(db: Queryable, pollId: number, householdId: number) {
  return selectBallot(db, pollId, householdId).executeTakeFirst()
}

/** The ballot about to be replaced, row-locked on PostgreSQL until the replacement commits. */
export async function ballotToReplace(tx: Tx, engine: Engine, pollId: number, householdId: number) {
  const q = selectBallot(tx, pollId, householdId)
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst()
}

export async function ballotsOf(db: Queryable, pollId: number) {
  return db.selectFrom('ballots').select(['household_id', 'choices', 'channel']).where('poll_id', '=', pollId).orderBy('household_id').execute()
}

export async function historyOf(db: Queryable, pollId: number, householdId: number) {
  return db.selectFrom('ballot_history').selectAll().where('poll_id', '=', pollId).where('household_id', '=', householdId).orderBy('id').execute()
}

export async function receiptExists(db: Queryable, pollId: number, receipt: string) {
  const row = await db.selectFrom('ballots').select('id').where('receipt', '=', receipt).where('poll_id', '=', pollId).executeTakeFirst()
  return row !== undefined
}

/**
 * Moves a poll that is still in one of the stored states `from` — an open one only before its closing time — to
 * `set`; 0 when it was not (someone else got there first, or the time ran out).
 */
export async function transition(
  db: Queryable,
  id: number,
  from: readonly PollStoredStatus[],
  now: string,
  set: Partial<Pick<PollTable, 'status' | 'closed_at' | 'close_reason' | 'cancel_reason' | 'results_notified_at'>>,
): Promise<number> {
  const res = await db
    .updateTable('polls')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', from)
    .where((eb) => eb.or([eb('status', '!=', 'open'), eb('closes_at', '>', now)]))
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}

type NotifiedFlag = 'closing_notified_at' | 'results_notified_at'

/**
 * Claims up to `limit` polls whose `flag` is still empty and that `due` selects, by setting the flag in the caller's
 * transaction (which also enqueues the messages). SKIP LOCKED on PostgreSQL and the null check in the UPDATE make
 * each poll announced once, however many instances run the job.
 */
async function claimUnannounced(tx: Tx, engine: Engine, flag: NotifiedFlag, now: string, limit: number, due: (eb: ExpressionBuilder<Database, 'polls'>) => Expression<SqlBool>) {
  let pick = tx.selectFrom('polls').select('id').where(flag, 'is', null).where(due).orderBy('id').limit(limit)
  if (engine === 'postgres') pick = pick.forUpdate().skipLocked()
  const ids = (await pick.execute()).map((r) => r.id)
  if (ids.length === 0) return []
  return tx.updateTable('polls').set({ [flag]: now }).where('id', 'in', ids).where(flag, 'is', null).returningAll().execute()
}

/** Open polls closing in (now, until] that have not had their closing reminder. */
export async function claimClosingSoon(tx: Tx, engine: Engine, now: string, until: string, limit: number) {
  return claimUnannounced(tx, engine, 'closing_notified_at', now, limit, (eb) =>
    eb.and([eb('status', '=', 'open'), eb('closes_at', '>', now), eb('closes_at', '<=', until), eb.or([eb('opens_at', 'is', null), eb('opens_at', '<=', now)])]),
  )
}

/** Polls that reached their closing time (or were closed) and whose results were not announced yet. */
export async function claimResultsDue(tx: Tx, engine: Engine, now: string, limit: number) {
  return claimUnannounced(tx, engine, 'results_notified_at', now, limit, (eb) => eb.or([eb('status', '=', 'closed'), eb.and([eb('status', '=', 'open'), eb('closes_at', '<=', now)])]))
}
