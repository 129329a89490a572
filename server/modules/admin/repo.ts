import type { Queryable } from '../../db'

export async function listHouseholds(db: Queryable, communityId: number) {
  return db
    .selectFrom('households')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select(['households.id', 'households.building_id', 'buildings.name as building', 'households.unit', 'households.room', 'households.area_centi', 'households.owner_key'])
    .where('households.community_id', '=', communityId)
    .orderBy('buildings.sort')
    .orderBy('buildings.id')
    .orderBy('households.unit')
    .orderBy('households.room')
    .execute()
}

export async function buildingsByName(db: Queryable, communityId: number) {
  const rows = await db.selectFrom('buildings').select(['id', 'name']).where('community_id', '=', communityId).execute()
  return new Map(rows.map((r) => [r.name, r.id]))
}

export async function insertBuilding(db: Queryable, communityId: number, name: string, sort: number) {
  const row = await db.insertInto('buildings').values({ community_id: communityId, name, sort }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function findHousehold(db: Queryable, buildingId: number, unit: string, room: string) {
  return db.selectFrom('households').select('id').where('building_id', '=', buildingId).where('unit', '=', unit).where('room', '=', room).executeTakeFirst()
}

export async function householdsIn(db: Queryable, communityId: number, ids: number[]) {
  return db
    .selectFrom('households')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select(['households.id', 'buildings.name as building', 'households.unit', 'households.room'])
    .where('households.community_id', '=', communityId)
    .where('households.id', 'in', ids)
    .execute()
}

export async function members(db: Queryable, communityId: number) {
  const memberRows = await db
    .selectFrom('memberships')
    .innerJoin('households', 'households.id', 'memberships.household_id')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as userId', 'users.display_name', 'users.phone', 'households.id as householdId', 'buildings.name as building', 'households.unit', 'households.room', 'memberships.relation'])
    .where('households.community_id', '=', communityId)
    .execute()
  const roleRows = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.id as userId', 'users.display_name', 'users.phone', 'role_grants.role', 'role_grants.building_id'])
    .where('role_grants.community_id', '=', communityId)
    .execute()
  return { memberRows, roleRows }
}
