// Fills a fresh database with a compound at scale, straight through SQL (the API would take minutes):
// households and their owners, notices and their receipts, an open poll, repair tickets. Used by the bench scripts.
import { sql, type Insertable } from 'kysely'
import type { Queryable } from '../server/db'
import type { RepairTicketTable } from '../server/db/schema'
import { NOTICE_CATEGORIES } from '../types/notices'
import { REPAIR_CATEGORIES, REPAIR_STATE_GROUP, REPAIR_STATUSES } from '../types/repairs'

export interface ScaleOptions {
  households: number
  notices: number
  receipts: number
}

export interface ScaleResult {
  communityId: number
  buildingIds: number[]
  /** One household per owner: householdIds[i] is userIds[i]'s. */
  householdIds: number[]
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
    category: NOTICE_CATEGORIES[i % NOTICE_CATEGORIES.length]!,
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
  return { communityId: c.id, buildingIds, householdIds: hh.map((h) => h.id), userIds, noticeCount: noticeRows.length, receiptCount }
}

/** A person with a community-wide role (staff, worker…). */
export async function grantRole(db: Queryable, communityId: number, role: 'admin' | 'staff' | 'worker', name: string): Promise<number> {
  const now = new Date().toISOString()
  const u = await db.insertInto('users').values({ display_name: name, care_mode: 0, created_at: now }).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('role_grants').values({ user_id: u.id, community_id: communityId, role, building_id: 0, created_at: now }).execute()
  return u.id
}

/** An open, community-wide owners' decision (同意/反对/弃权) closing tomorrow: the poll of the ballot benchmark. */
export async function seedOpenPoll(db: Queryable, communityId: number, createdBy: number): Promise<{ pollId: number; optionIds: number[] }> {
  const now = new Date().toISOString()
  const poll = await db
    .insertInto('polls')
    .values({ community_id: communityId, title: '压测表决', description: '', kind: 'approve', max_choices: 1, legal_rule: 'ordinary', voters: 'owners', secret: 0, results_visibility: 'live', status: 'open', opens_at: null, closes_at: new Date(Date.now() + 86400_000).toISOString(), created_by: createdBy, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const options = await db
    .insertInto('poll_options')
    .values(['同意', '反对', '弃权'].map((label, i) => ({ poll_id: poll.id, position: i + 1, label })))
    .returning('id')
    .execute()
  return { pollId: poll.id, optionIds: options.map((o) => o.id) }
}

export interface TicketOptions {
  communityId: number
  count: number
  households: { id: number; building_id: number }[]
  /** Reporters in turn; the first one reports 1 in 50 tickets (a heavy reporter), the others share the rest. */
  reporterIds: number[]
  workerId: number
}

/** `count` tickets over the last `count` minutes, in every status, category and place kind, with SLA deadlines. */
export async function seedTickets(db: Queryable, o: TicketOptions): Promise<void> {
  const start = Date.now() - o.count * 60_000
  const rows: Insertable<RepairTicketTable>[] = []
  for (let i = 0; i < o.count; i++) {
    const status = REPAIR_STATUSES[i % REPAIR_STATUSES.length]!
    const pub = i % 3 === 0
    const h = o.households[i % o.households.length]!
    const created = new Date(start + i * 60_000).toISOString()
    rows.push({
      community_id: o.communityId,
      location_kind: pub ? 'public' : 'home',
      household_id: pub ? null : h.id,
      building_id: h.building_id,
      location_text: pub ? `公共区域 ${i}` : `房屋 ${h.id}`,
      category: REPAIR_CATEGORIES[i % REPAIR_CATEGORIES.length]!,
      description: `压测工单 ${i}`,
      urgency: i % 5 === 0 ? 'urgent' : 'normal',
      status,
      state_group: REPAIR_STATE_GROUP[status],
      assignee_id: i % 4 === 0 ? o.workerId : null,
      reporter_id: i % 50 === 0 || o.reporterIds.length === 1 ? o.reporterIds[0]! : o.reporterIds[1 + (i % (o.reporterIds.length - 1))]!,
      source: 'app',
      sla_due_at: new Date(start + i * 60_000 + (i % 7) * 3600_000).toISOString(),
      created_at: created,
      updated_at: created,
    })
  }
  await insertBatched(rows, (chunk) => db.insertInto('repair_tickets').values(chunk).execute())
}
