import type { Queryable } from '../../db'

/** SQL about the compound itself (buildings, households, who lives where), shared by notices, polls and repairs. */

/** A compound as every module needs it: its public slug, name, city rules and the property office's phone. */
export async function communityById(db: Queryable, id: number) {
  return db.selectFrom('communities').select(['id', 'slug', 'name', 'city', 'phone']).where('id', '=', id).executeTakeFirst()
}

export async function buildingsOf(db: Queryable, communityId: number) {
  return db.selectFrom('buildings').select(['id', 'name']).where('community_id', '=', communityId).orderBy('sort').orderBy('id').execute()
}

/** Which of `ids` are buildings of this community (ids sent by a client are checked against it). */
export async function buildingsIn(db: Queryable, communityId: number, ids: number[]) {
  if (ids.length === 0) return []
  return db.selectFrom('buildings').select('id').where('community_id', '=', communityId).where('id', 'in', ids).execute()
}

/** Names of buildings by id (ids that are no building are left out). */
export async function buildingNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom('buildings').select(['id', 'name']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

const place = ['households.id', 'households.community_id', 'households.building_id', 'buildings.name as building', 'households.unit', 'households.room'] as const

/** Where a household is: its community, building (with its name), unit and room. */
export async function householdPlace(db: Queryable, householdId: number) {
  return db.selectFrom('households').innerJoin('buildings', 'buildings.id', 'households.building_id').select(place).where('households.id', '=', householdId).executeTakeFirst()
}

export async function householdPlaces(db: Queryable, householdIds: number[]) {
  if (householdIds.length === 0) return []
  return db.selectFrom('households').innerJoin('buildings', 'buildings.id', 'households.building_id').select(place).where('households.id', 'in', householdIds).execute()
}

/** Households of the whole community (`buildingIds` null or empty) or of the given buildings. */
export async function householdsInScope(db: Queryable, communityId: number, buildingIds: number[] | null) {
  let q = db
    .selectFrom('households')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select(['households.id', 'households.building_id', 'buildings.name as building', 'households.unit', 'households.room', 'households.area_centi', 'households.owner_key'])
    .where('households.community_id', '=', communityId)
  if (buildingIds && buildingIds.length > 0) q = q.where('households.building_id', 'in', buildingIds)
  return q.orderBy('buildings.sort').orderBy('buildings.id').orderBy('households.unit').orderBy('households.room').execute()
}

/** Users who are members of the given households (one row per user and household). */
export async function membersOf(db: Queryable, householdIds: number[]) {
  if (householdIds.length === 0) return []
  return db.selectFrom('memberships').select(['user_id', 'household_id', 'relation']).where('household_id', 'in', householdIds).execute()
}

/** Staff and admins of a community (who hear about things nobody in particular is assigned to). */
export async function staffOf(db: Queryable, communityId: number) {
  return db.selectFrom('role_grants').select('user_id').distinct().where('community_id', '=', communityId).where('role', 'in', ['staff', 'admin']).execute()
}
