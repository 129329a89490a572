import type { RepairCategory, RepairStateGroup } from '../../../types/repairs'
import type { Queryable } from '../../db'

/** SQL for the Open311 GeoReport v2 endpoints: communities by slug, API keys, public tickets only. */

export async function communityBySlug(db: Queryable, slug: string) {
  return db.selectFrom('communities').select(['id', 'slug', 'name', 'phone']).where('slug', '=', slug).executeTakeFirst()
}

export async function activeKey(db: Queryable, keyHash: string) {
  return db.selectFrom('open311_keys').select(['id', 'community_id']).where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst()
}

export async function insertKey(db: Queryable, row: { community_id: number; key_hash: string; label: string; created_by: number; created_at: string }) {
  return db.insertInto('open311_keys').values({ ...row, revoked_at: null }).returning('id').executeTakeFirstOrThrow()
}

export interface RequestFilter {
  communityId: number
  ids?: number[]
  category?: RepairCategory
  start?: string
  end?: string
  stateGroup?: RepairStateGroup
  limit: number
}

/** Public-place tickets only; the columns selected here are everything Open311 ever sees (nothing about people). */
export async function publicRequests(db: Queryable, f: RequestFilter) {
  let q = db
    .selectFrom('repair_tickets')
    .select(['id', 'category', 'description', 'status', 'state_group', 'location_text', 'lat_micro', 'long_micro', 'media_url', 'created_at', 'updated_at', 'sla_due_at'])
    .where('community_id', '=', f.communityId)
    .where('location_kind', '=', 'public')
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1])
  if (f.category) q = q.where('category', '=', f.category)
  if (f.start) q = q.where('created_at', '>=', f.start)
  if (f.end) q = q.where('created_at', '<=', f.end)
  if (f.stateGroup) q = q.where('state_group', '=', f.stateGroup)
  return q.orderBy('id', 'desc').limit(f.limit).execute()
}
