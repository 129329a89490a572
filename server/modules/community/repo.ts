import type { Queryable } from '../../db'

/** SQL about the compound itself (buildings, households, who lives where), shared by notices, polls and repairs. */

export async function buildingsOf(db: Queryable, communityId: number) {
  return db.selectFrom('buildings').select(['id', 'name']).where('community_id', '=', communityId).orderBy('sort').orderBy('id').execute()
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
