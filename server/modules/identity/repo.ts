import type { Updateable } from 'kysely'
import type { Queryable } from '../../db'
import type { Persona } from '../../../types/identity'
import type { Actor } from '../../authz'
import type { UserTable } from '../../db/schema'

export async function findSessionUser(db: Queryable, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.display_name', 'users.care_mode', 'users.phone', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

type ActorUser = { id: number; display_name: string; care_mode: number; phone: string | null }

export async function loadActor(db: Queryable, user: ActorUser): Promise<Actor> {
  return (await loadActors(db, [user]))[0]!
}

/** The sessions among `tokenHashes` that are still valid, with their users (one query for any number). */
export async function findSessionUsers(db: Queryable, tokenHashes: string[], now: string) {
  if (tokenHashes.length === 0) return []
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.token_hash', 'users.id', 'users.display_name', 'users.care_mode', 'users.phone', 'sessions.expires_at'])
    .where('sessions.token_hash', 'in', tokenHashes)
    .where('sessions.expires_at', '>', now)
    .execute()
}

/** Actors for several users with two queries in all, in the order of `users`. */
export async function loadActors(db: Queryable, users: ActorUser[]): Promise<Actor[]> {
  const ids = [...new Set(users.map((u) => u.id))]
  if (ids.length === 0) return []
  const [households, roles] = await Promise.all([
    db
      .selectFrom('memberships')
      .innerJoin('households', 'households.id', 'memberships.household_id')
      .select(['memberships.user_id', 'households.id', 'households.community_id', 'households.building_id', 'memberships.relation'])
      .where('memberships.user_id', 'in', ids)
      .orderBy('memberships.id')
      .execute(),
    db.selectFrom('role_grants').select(['user_id', 'role', 'community_id', 'building_id']).where('user_id', 'in', ids).orderBy('id').execute(),
  ])
  const byUser = new Map(ids.map((id) => [id, { households: [] as Actor['households'], roles: [] as Actor['roles'] }]))
  for (const h of households) byUser.get(h.user_id)!.households.push({ householdId: h.id, communityId: h.community_id, buildingId: h.building_id, relation: h.relation })
  for (const r of roles) byUser.get(r.user_id)!.roles.push({ role: r.role, communityId: r.community_id, buildingId: r.building_id || null })
  return users.map((user) => {
    const of = byUser.get(user.id)!
    return { userId: user.id, displayName: user.display_name, careMode: user.care_mode === 1, phone: user.phone, households: [...of.households], roles: [...of.roles] }
  })
}

export async function insertSession(db: Queryable, userId: number, tokenHash: string, expiresAt: string, now: string) {
  await db.insertInto('sessions').values({ user_id: userId, token_hash: tokenHash, expires_at: expiresAt, created_at: now }).execute()
}

export async function deleteSession(db: Queryable, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

export async function findUserByPhone(db: Queryable, phone: string) {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst()
}

export async function findUserByPersona(db: Queryable, persona: Persona) {
  return db.selectFrom('users').select(['id']).where('demo_persona', '=', persona).executeTakeFirst()
}

export async function findOrCreateWechatUser(db: Queryable, openid: string, now: string): Promise<number> {
  const existing = await db.selectFrom('users').select('id').where('wechat_openid', '=', openid).executeTakeFirst()
  if (existing) return existing.id
  // Two logins racing for one new openid: the unique index lets exactly one insert win; the other re-reads.
  const inserted = await db
    .insertInto('users')
    .values({ display_name: '微信用户', wechat_openid: openid, care_mode: 0, created_at: now })
    .onConflict((oc) => oc.column('wechat_openid').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return inserted.id
  const again = await db.selectFrom('users').select('id').where('wechat_openid', '=', openid).executeTakeFirstOrThrow()
  return again.id
}

export async function householdsOf(db: Queryable, userId: number) {
  return db
    .selectFrom('memberships')
    .innerJoin('households', 'households.id', 'memberships.household_id')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select([
      'households.id',
      'households.community_id',
      'households.building_id',
      'buildings.name as building',
      'households.unit',
      'households.room',
      'memberships.relation',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.id')
    .execute()
}

export async function findUsableInvite(db: Queryable, codeHash: string, now: string) {
  return db
    .selectFrom('invites')
    .select(['id', 'household_id', 'community_id'])
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

/** Marks the invite used only if nobody else did first; false means another request won the race. */
export async function claimInvite(db: Queryable, inviteId: number, userId: number, now: string): Promise<boolean> {
  const res = await db
    .updateTable('invites')
    .set({ used_at: now, used_by: userId })
    .where('id', '=', inviteId)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function insertMembership(db: Queryable, userId: number, householdId: number, relation: 'owner' | 'family' | 'tenant', now: string) {
  const res = await db
    .insertInto('memberships')
    .values({ user_id: userId, household_id: householdId, relation, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'household_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return res !== undefined
}

export async function findActorUser(db: Queryable, userId: number): Promise<ActorUser> {
  return db.selectFrom('users').select(['id', 'display_name', 'care_mode', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow()
}

/** A user signing up with a phone number; null when the number is taken (the unique index decides, not a look-up). */
export async function insertPhoneUser(db: Queryable, row: { display_name: string; phone: string; password_hash: string; created_at: string }): Promise<number | null> {
  const inserted = await db
    .insertInto('users')
    .values({ ...row, care_mode: 0 })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted?.id ?? null
}

export async function updateUser(db: Queryable, userId: number, changes: Updateable<UserTable>) {
  await db.updateTable('users').set(changes).where('id', '=', userId).execute()
}
