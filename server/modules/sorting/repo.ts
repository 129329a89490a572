import { sql } from 'kysely'
import type { Queryable } from '../../db'
import type { SortingItemTable } from '../../db/schema'

/** SQL of the sorting guide: dictionary rows, drop-off schedules, missed searches. */

export type ItemRow = Pick<SortingItemTable, 'name' | 'category' | 'aliases' | 'tip' | 'pinyin' | 'initials'> & { id: number }

const ITEM_COLUMNS = ['id', 'name', 'category', 'aliases', 'tip', 'pinyin', 'initials'] as const

export async function settingValue(db: Queryable, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value ?? null
}

export async function putSetting(db: Queryable, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute()
}

export async function replaceBuiltinItems(db: Queryable, rows: Omit<SortingItemTable, 'id'>[]): Promise<void> {
  await db.deleteFrom('sorting_items').where('community_id', '=', 0).execute()
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto('sorting_items').values(rows.slice(i, i + 200)).onConflict((oc) => oc.columns(['community_id', 'name']).doNothing()).execute()
  }
}

/** The built-in dictionary (community 0) in dictionary order. */
export async function builtinItems(db: Queryable): Promise<ItemRow[]> {
  return db.selectFrom('sorting_items').select(ITEM_COLUMNS).where('community_id', '=', 0).orderBy('position').orderBy('id').execute()
}

/** Items a compound's staff added, oldest first. */
export async function communityItems(db: Queryable, communityId: number): Promise<ItemRow[]> {
  return db.selectFrom('sorting_items').select(ITEM_COLUMNS).where('community_id', '=', communityId).orderBy('id').execute()
}

/** Inserts a staff item; null when the compound already has one of that name. */
export async function insertItem(db: Queryable, row: Omit<SortingItemTable, 'id'>): Promise<number | null> {
  const inserted = await db
    .insertInto('sorting_items')
    .values(row)
    .onConflict((oc) => oc.columns(['community_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted?.id ?? null
}

export async function scheduleOf(db: Queryable, communityId: number) {
  return db.selectFrom('sorting_schedules').select(['slots', 'places', 'note', 'updated_at']).where('community_id', '=', communityId).executeTakeFirst()
}

export async function upsertSchedule(db: Queryable, communityId: number, values: { slots: string; places: string; note: string; updated_by: number | null; updated_at: string }) {
  await db
    .insertInto('sorting_schedules')
    .values({ community_id: communityId, ...values })
    .onConflict((oc) => oc.column('community_id').doUpdateSet(values))
    .execute()
}

/** One more miss for (community, query); returns the new count. */
export async function recordMiss(db: Queryable, communityId: number, query: string, at: string): Promise<number> {
  const row = await db
    .insertInto('sorting_misses')
    .values({ community_id: communityId, query, count: 1, last_at: at })
    .onConflict((oc) => oc.columns(['community_id', 'query']).doUpdateSet({ count: sql<number>`sorting_misses.count + 1`, last_at: at }))
    .returning('count')
    .executeTakeFirstOrThrow()
  return row.count
}

/** Most-missed first, then most recent; keyset on (count, last_at, id), all descending. */
export async function listMisses(db: Queryable, communityId: number, limit: number, after?: { count: number; lastAt: string; id: number }) {
  let q = db.selectFrom('sorting_misses').select(['id', 'query', 'count', 'last_at']).where('community_id', '=', communityId)
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('count', '<', after.count),
        eb.and([eb('count', '=', after.count), eb('last_at', '<', after.lastAt)]),
        eb.and([eb('count', '=', after.count), eb('last_at', '=', after.lastAt), eb('id', '<', after.id)]),
      ]),
    )
  }
  return q.orderBy('count', 'desc').orderBy('last_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
}
