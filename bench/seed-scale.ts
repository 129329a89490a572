// Fills a fresh database with a compound at scale, straight through SQL (the API would take minutes):
// households and residents, notices and their receipts. Used by bench/run.ts.
import { sql } from 'kysely'
import type { Queryable } from '../server/db'

export interface ScaleOptions {
  households: number
  notices: number
  receipts: number
}

export interface ScaleResult {
  communityId: number
  userIds: number[]
  noticeCount: number
  receiptCount: number
}

const BATCH = 500

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH))
}

export async function seedScale(db: Queryable, slug: string, opts: ScaleOptions): Promise<ScaleResult> {
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  const c = await db.insertInto('communities').values({ slug, name: `压测小区${slug}`, city: 'shanghai', phone: '021-00000000', created_at: iso(now) }).returning('id').executeTakeFirstOrThrow()
  const buildingIds: number[] = []
  for (let b = 1; b <= 20; b++) {
    const row = await db.insertInto('buildings').values({ community_id: c.id, name: `${b}号楼`, sort: b }).returning('id').executeTakeFirstOrThrow()
    buildingIds.push(row.id)
  }
  const households = Array.from({ length: opts.households }, (_, i) => ({
    community_id: c.id,
    building_id: buildingIds[i % buildingIds.length]!,
    unit: String(1 + (Math.floor(i / buildingIds.length) % 4)),
    room: String(101 + Math.floor(i / (buildingIds.length * 4))),
    area_centi: 6000 + ((i * 7919) % 8000),
    owner_key: `${slug}-o${i}`,
    owner_name: `业主${i}`,
    owner_phone: null,
    updated_at: iso(now),
  }))
  await insertBatched(households, (chunk) => db.insertInto('households').values(chunk).execute())
  const hh = await db.selectFrom('households').select(['id']).where('community_id', '=', c.id).orderBy('id').execute()
  const users = hh.map((_, i) => ({ display_name: `住户${i}`, care_mode: 0, created_at: iso(now), demo_persona: null }))
  const userIds: number[] = []
  for (let i = 0; i < users.length; i += BATCH) {
    const rows = await db.insertInto('users').values(users.slice(i, i + BATCH)).returning('id').execute()
    userIds.push(...rows.map((r) => r.id))
  }
  await insertBatched(
    hh.map((h, i) => ({ user_id: userIds[i]!, household_id: h.id, relation: 'owner' as const, created_at: iso(now) })),
    (chunk) => db.insertInto('memberships').values(chunk).execute(),
  )
  const author = userIds[0]!
  const notices = Array.from({ length: opts.notices }, (_, i) => ({
    community_id: c.id,
    author_id: author,
    scope: (i % 5 === 0 ? 'building' : 'community') as 'building' | 'community',
    category: ['outage', 'safety', 'event', 'fees', 'property', 'other'][i % 6]!,
    title: `第${i}号通知`,
    body: `压测公告正文 ${i}，包含一些文字用于搜索。`,
    pinned: i % 997 === 0 ? 1 : 0,
    requires_ack: i % 3 === 0 ? 1 : 0,
    publish_at: iso(now - (opts.notices - i) * 60_000),
    expire_at: null,
    created_at: iso(now),
  }))
  await insertBatched(notices, (chunk) => db.insertInto('notices').values(chunk).execute())
  const noticeRows = await db.selectFrom('notices').select(['id', 'scope']).where('community_id', '=', c.id).orderBy('id').execute()
  const buildingRows = noticeRows.filter((n) => n.scope === 'building').map((n, i) => ({ notice_id: n.id, building_id: buildingIds[i % buildingIds.length]! }))
  await insertBatched(buildingRows, (chunk) => db.insertInto('notice_buildings').values(chunk).execute())
  // Receipts: each notice read by a rotating slice of residents, up to the requested total.
  const perNotice = Math.max(1, Math.floor(opts.receipts / Math.max(1, noticeRows.length)))
  let receiptCount = 0
  let batch: { notice_id: number; user_id: number; read_at: string; acked_at: string | null }[] = []
  for (const [ni, n] of noticeRows.entries()) {
    for (let k = 0; k < perNotice && receiptCount < opts.receipts; k++) {
      const userId = userIds[(ni * 37 + k) % userIds.length]!
      batch.push({ notice_id: n.id, user_id: userId, read_at: iso(now), acked_at: k % 2 ? iso(now) : null })
      receiptCount++
      if (batch.length === BATCH) {
        await db.insertInto('notice_receipts').values(batch).onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing()).execute()
        batch = []
      }
    }
  }
  if (batch.length) await db.insertInto('notice_receipts').values(batch).onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing()).execute()
  await sql`ANALYZE`.execute(db)
  return { communityId: c.id, userIds, noticeCount: noticeRows.length, receiptCount }
}
