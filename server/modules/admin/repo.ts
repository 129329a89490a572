import type { Insertable, Updateable } from 'kysely'
import type { Queryable } from '../../db'
import type { HouseholdTable, InviteTable, RoleGrantTable } from '../../db/schema'

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

export async function insertHousehold(db: Queryable, row: Insertable<HouseholdTable>) {
  await db.insertInto('households').values(row).execute()
}

export async function updateHousehold(db: Queryable, id: number, changes: Updateable<HouseholdTable>) {
  await db.updateTable('households').set(changes).where('id', '=', id).execute()
}

/** Ends the unused, still valid invites of these households now. */
export async function expireOpenInvites(db: Queryable, householdIds: number[], now: string) {
  await db.updateTable('invites').set({ expires_at: now }).where('household_id', 'in', householdIds).where('used_at', 'is', null).where('expires_at', '>', now).execute()
}

export async function insertInvite(db: Queryable, row: Insertable<InviteTable>) {
  await db.insertInto('invites').values(row).execute()
}

export async function userExists(db: Queryable, userId: number): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())
}

type Grant = Pick<RoleGrantTable, 'user_id' | 'community_id' | 'role' | 'building_id'>

/** Granting a role someone already holds changes nothing. */
export async function grantRole(db: Queryable, grant: Grant & { created_at: string }) {
  await db.insertInto('role_grants').values(grant).onConflict((oc) => oc.columns(['user_id', 'community_id', 'role', 'building_id']).doNothing()).execute()
}

export async function revokeRole(db: Queryable, grant: Grant) {
  await db
    .deleteFrom('role_grants')
    .where('user_id', '=', grant.user_id)
    .where('community_id', '=', grant.community_id)
    .where('role', '=', grant.role)
    .where('building_id', '=', grant.building_id)
    .execute()
}
