import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely'
import type { NoticeCategory } from '../../../types/notices'
import type { Queryable } from '../../db'
import type { Database, NoticeTable } from '../../db/schema'

/** Who is looking, reduced to what decides which notices they see. */
export interface Viewer {
  userId: number
  communityId: number
  /** Buildings they live in or represent. */
  buildingIds: number[]
  /** Staff and admins see every notice of the community, scheduled ones included. */
  seeAll: boolean
}

type NoticeEb = ExpressionBuilder<Database, 'notices'>

/** The visibility rule, in SQL, used by the list, the unread count and the detail alike. */
function visibleTo(eb: NoticeEb, viewer: Viewer, now: string) {
  const conditions = [eb('notices.community_id', '=', viewer.communityId), eb('notices.withdrawn_at', 'is', null)]
  if (!viewer.seeAll) {
    conditions.push(eb.or([eb('notices.publish_at', '<=', now), eb('notices.author_id', '=', viewer.userId)]))
    const inScope = [eb('notices.scope', '=', 'community'), eb('notices.author_id', '=', viewer.userId)]
    if (viewer.buildingIds.length > 0) {
      inScope.push(
        eb.exists(
          eb
            .selectFrom('notice_buildings')
            .select(sql`1`.as('one'))
            .whereRef('notice_buildings.notice_id', '=', 'notices.id')
            .where('notice_buildings.building_id', 'in', viewer.buildingIds),
        ),
      )
    }
    conditions.push(eb.or(inScope))
  }
  return eb.and(conditions)
}

function current(eb: NoticeEb, now: string, { archive }: { archive: boolean }) {
  return archive
    ? eb.and([eb('notices.expire_at', 'is not', null), eb('notices.expire_at', '<=', now)])
    : eb.or([eb('notices.expire_at', 'is', null), eb('notices.expire_at', '>', now)])
}

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`)

export interface ListFilter {
  archive: boolean
  category?: NoticeCategory
  q?: string
  after?: { pinned: number; publishAt: string; id: number }
  limit: number
}

export async function listVisible(db: Queryable, viewer: Viewer, now: string, f: ListFilter) {
  let q = db
    .selectFrom('notices')
    .leftJoin('notice_receipts', (j) => j.onRef('notice_receipts.notice_id', '=', 'notices.id').on('notice_receipts.user_id', '=', viewer.userId))
    .select([
      'notices.id',
      'notices.title',
      'notices.category',
      'notices.scope',
      'notices.pinned',
      'notices.requires_ack',
      'notices.publish_at',
      'notices.expire_at',
      'notices.edited_at',
      'notices.author_id',
      sql<string>`substr(notices.body, 1, 80)`.as('excerpt'),
      'notice_receipts.read_at',
      'notice_receipts.acked_at',
    ])
    .where((eb) => visibleTo(eb, viewer, now))
    .where((eb) => current(eb, now, { archive: f.archive }))
  if (f.category) q = q.where('notices.category', '=', f.category)
  if (f.q) {
    const pattern = `%${escapeLike(f.q.toLowerCase())}%`
    q = q.where((eb) => eb.or([eb(sql`lower(notices.title)`, 'like', sql`${pattern} escape '\\'`), eb(sql`lower(notices.body)`, 'like', sql`${pattern} escape '\\'`)]))
  }
  if (f.after) {
    const { pinned, publishAt, id } = f.after
    q = q.where((eb) =>
      eb.or([
        eb('notices.pinned', '<', pinned),
        eb.and([eb('notices.pinned', '=', pinned), eb.or([eb('notices.publish_at', '<', publishAt), eb.and([eb('notices.publish_at', '=', publishAt), eb('notices.id', '<', id)])])]),
      ]),
    )
  }
  return q.orderBy('notices.pinned', 'desc').orderBy('notices.publish_at', 'desc').orderBy('notices.id', 'desc').limit(f.limit + 1).execute()
}

/** The badge looks at the newest notices only: past this many, it shows "99+" and counting further costs for nothing. */
export const UNREAD_WINDOW = 100

export async function countUnread(db: Queryable, viewer: Viewer, now: string): Promise<number> {
  const recent = db
    .selectFrom('notices')
    .select('notices.id')
    .where((eb) => visibleTo(eb, { ...viewer, seeAll: false }, now))
    .where('notices.publish_at', '<=', now)
    .where((eb) => current(eb, now, { archive: false }))
    .orderBy('notices.pinned', 'desc')
    .orderBy('notices.publish_at', 'desc')
    .orderBy('notices.id', 'desc')
    .limit(UNREAD_WINDOW)
    .as('recent')
  const row = await db
    .selectFrom(recent)
    .leftJoin('notice_receipts', (j) => j.onRef('notice_receipts.notice_id', '=', 'recent.id').on('notice_receipts.user_id', '=', viewer.userId))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('notice_receipts.id', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findVisible(db: Queryable, viewer: Viewer, id: number, now: string) {
  return db
    .selectFrom('notices')
    .leftJoin('notice_receipts', (j) => j.onRef('notice_receipts.notice_id', '=', 'notices.id').on('notice_receipts.user_id', '=', viewer.userId))
    .selectAll('notices')
    .select(['notice_receipts.read_at', 'notice_receipts.acked_at'])
    .where('notices.id', '=', id)
    .where((eb) => visibleTo(eb, viewer, now))
    .executeTakeFirst()
}

export async function findInCommunity(db: Queryable, communityId: number, id: number) {
  return db.selectFrom('notices').selectAll().where('id', '=', id).where('community_id', '=', communityId).executeTakeFirst()
}

export async function buildingNames(db: Queryable, noticeIds: number[]) {
  if (noticeIds.length === 0) return new Map<number, { id: number; name: string }[]>()
  const rows = await db
    .selectFrom('notice_buildings')
    .innerJoin('buildings', 'buildings.id', 'notice_buildings.building_id')
    .select(['notice_buildings.notice_id', 'buildings.id', 'buildings.name'])
    .where('notice_buildings.notice_id', 'in', noticeIds)
    .orderBy('buildings.sort')
    .execute()
  const map = new Map<number, { id: number; name: string }[]>()
  for (const r of rows) {
    const list = map.get(r.notice_id) ?? []
    list.push({ id: r.id, name: r.name })
    map.set(r.notice_id, list)
  }
  return map
}

/** Records the first read; a second (or concurrent) read changes nothing. */
export async function recordRead(db: Queryable, noticeId: number, userId: number, now: string) {
  await db
    .insertInto('notice_receipts')
    .values({ notice_id: noticeId, user_id: userId, read_at: now })
    .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
    .execute()
}

export async function recordAck(db: Queryable, noticeId: number, userId: number, now: string) {
  await db
    .insertInto('notice_receipts')
    .values({ notice_id: noticeId, user_id: userId, read_at: now, acked_at: now })
    .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doUpdateSet({ acked_at: now }))
    .execute()
}

/** Per household of the notice's community: the latest read and confirmation by any of its members. */
export async function householdReceipts(db: Queryable, noticeId: number) {
  return db
    .selectFrom('notice_receipts')
    .innerJoin('memberships', 'memberships.user_id', 'notice_receipts.user_id')
    .select(['memberships.household_id', (eb) => eb.fn.min('notice_receipts.read_at').as('read_at'), (eb) => eb.fn.max('notice_receipts.acked_at').as('acked_at')])
    .where('notice_receipts.notice_id', '=', noticeId)
    .groupBy('memberships.household_id')
    .execute()
}

/** A notice and the buildings it goes to (none: the whole community), in the caller's transaction. */
export async function insertNotice(db: Queryable, row: Insertable<NoticeTable>, buildingIds: number[]) {
  const inserted = await db.insertInto('notices').values(row).returning('id').executeTakeFirstOrThrow()
  if (buildingIds.length > 0) await db.insertInto('notice_buildings').values(buildingIds.map((b) => ({ notice_id: inserted.id, building_id: b }))).execute()
  return inserted
}

export async function updateNotice(db: Queryable, id: number, changes: Updateable<NoticeTable>) {
  await db.updateTable('notices').set(changes).where('id', '=', id).execute()
}

/** Moves `reminded_at` on only if it is still what the caller saw; false when another reminder came first. */
export async function claimReminder(db: Queryable, id: number, seen: string | null, now: string): Promise<boolean> {
  const res = await db
    .updateTable('notices')
    .set({ reminded_at: now })
    .where('id', '=', id)
    .where((eb) => (seen ? eb('reminded_at', '=', seen) : eb('reminded_at', 'is', null)))
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** The roles a person holds in a community, with the building a representative stands for. */
export async function rolesOf(db: Queryable, userId: number, communityId: number) {
  return db
    .selectFrom('role_grants')
    .leftJoin('buildings', 'buildings.id', 'role_grants.building_id')
    .select(['role_grants.role', 'buildings.name'])
    .where('role_grants.user_id', '=', userId)
    .where('role_grants.community_id', '=', communityId)
    .execute()
}
