import { NOTICE_CATEGORY_LABELS, type NoticeCategory } from '../../../types/notices'
import type { CreateNotice, Notice, NoticeList, NoticeReceipts, PatchNotice } from '../../../types/schemas/notices'
import { homeCommunityId, isStaff, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import { enqueueNotifications } from '../../outbox'
import { decodeCursor, pageOf } from '../../pagination'
import { buildingsIn, householdsInScope, membersOf } from '../community/repo'
import { audit } from '../../lib/audit'
import { attachUploads, attachedUrls, replaceAttachments } from '../uploads/service'
import { csvDocument } from '../../lib/csv'
import * as repo from './repo'

const REMIND_INTERVAL_MS = 3600_000

function viewerOf(actor: Actor): repo.Viewer {
  const communityId = homeCommunityId(actor)
  if (communityId === null) throw forbidden('请先绑定房屋')
  const buildingIds = new Set<number>()
  for (const h of actor.households) if (h.communityId === communityId) buildingIds.add(h.buildingId)
  for (const r of actor.roles) if (r.role === 'rep' && r.communityId === communityId && r.buildingId) buildingIds.add(r.buildingId)
  return { userId: actor.userId, communityId, buildingIds: [...buildingIds], seeAll: isStaff(actor, communityId) }
}

function repBuildings(actor: Actor, communityId: number): number[] {
  return actor.roles.filter((r) => r.role === 'rep' && r.communityId === communityId && r.buildingId).map((r) => r.buildingId!)
}

/** A confirmation counts for the current text only: an edit after it asks the reader to confirm again. */
function ackCurrent(ackedAt: string | null | undefined, editedAt: string | null): boolean {
  return !!ackedAt && (!editedAt || ackedAt >= editedAt)
}

const isoNormal = (t: string) => new Date(t).toISOString()

interface SummaryRow {
  id: number
  title: string
  category: NoticeCategory
  scope: 'community' | 'building'
  pinned: number
  requires_ack: number
  publish_at: string
  expire_at: string | null
  edited_at: string | null
  acked_at: string | null
}

/** What the list and the detail both say of a notice, for this reader. */
function summaryOf(r: SummaryRow, buildings: { name: string }[], readAt: string | null, now: string) {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    scope: r.scope,
    buildings: buildings.map((b) => b.name),
    pinned: r.pinned === 1,
    requiresAck: r.requires_ack === 1,
    publishAt: r.publish_at,
    expireAt: r.expire_at,
    editedAt: r.edited_at,
    scheduled: r.publish_at > now,
    read: !!readAt,
    acked: ackCurrent(r.acked_at, r.edited_at),
  }
}

export async function listNotices(deps: Deps, actor: Actor, query: { cursor?: string; limit?: number; category?: NoticeCategory; q?: string; archive?: boolean }): Promise<NoticeList> {
  const viewer = viewerOf(actor)
  const limit = query.limit ?? 20
  const now = deps.now().toISOString()
  const after = query.cursor ? decodeCursor(query.cursor, ['number', 'string', 'number']) : undefined
  const rows = await repo.listVisible(deps.db, viewer, now, {
    archive: query.archive ?? false,
    category: query.category,
    q: query.q?.trim() || undefined,
    after: after ? { pinned: after[0] as number, publishAt: after[1] as string, id: after[2] as number } : undefined,
    limit,
  })
  const page = pageOf(rows, limit, (r) => [r.pinned, r.publish_at, r.id])
  const names = await repo.buildingNames(deps.db, page.items.filter((r) => r.scope === 'building').map((r) => r.id))
  return {
    items: page.items.map((r) => ({ ...summaryOf(r, names.get(r.id) ?? [], r.read_at, now), excerpt: r.excerpt.replace(/\s+/g, ' ') })),
    nextCursor: page.nextCursor,
  }
}

export async function unreadCount(deps: Deps, actor: Actor) {
  if (homeCommunityId(actor) === null) return { count: 0 }
  return { count: await repo.countUnread(deps.db, viewerOf(actor), deps.now().toISOString()) }
}

function mayFollowUp(actor: Actor, notice: { community_id: number; author_id: number; scope: string }, buildingIds: number[]): boolean {
  if (notice.author_id === actor.userId || isStaff(actor, notice.community_id)) return true
  return repBuildings(actor, notice.community_id).some((b) => notice.scope === 'community' || buildingIds.includes(b))
}

/** Opening a notice is what counts as reading it. */
export async function getNotice(deps: Deps, actor: Actor, id: number): Promise<Notice> {
  const viewer = viewerOf(actor)
  const now = deps.now().toISOString()
  const n = await repo.findVisible(deps.db, viewer, id, now)
  if (!n) throw notFound('公告不存在或已撤回')
  let readAt = n.read_at
  if (!readAt && n.publish_at <= now) {
    await repo.recordRead(deps.db, id, actor.userId, now)
    readAt = now
  }
  const buildings = (await repo.buildingNames(deps.db, [id])).get(id) ?? []
  return {
    ...summaryOf(n, buildings, readAt, now),
    body: n.body,
    updatedSinceAck: !!n.acked_at && !ackCurrent(n.acked_at, n.edited_at),
    excerpt: n.body.slice(0, 80),
    images: await attachedUrls(deps, `notice:${id}`),
    author: await authorLabel(deps, n.author_id, n.community_id),
    canEdit: n.author_id === actor.userId || isStaff(actor, n.community_id),
    canSeeReceipts: mayFollowUp(actor, n, buildings.map((b) => b.id)),
    withdrawn: false,
  }
}

/** Residents never see each other's names: a notice is signed by the role that published it. */
async function authorLabel(deps: Deps, authorId: number, communityId: number): Promise<string> {
  const grants = await repo.rolesOf(deps.db, authorId, communityId)
  if (grants.some((g) => g.role === 'staff' || g.role === 'admin')) return '物业服务中心'
  const rep = grants.find((g) => g.role === 'rep')
  return rep ? `${rep.name ?? ''}楼栋长` : '邻里通'
}

export async function canRead(deps: Deps, actor: Actor, id: number): Promise<boolean> {
  if (homeCommunityId(actor) === null) return false
  return !!(await repo.findVisible(deps.db, viewerOf(actor), id, deps.now().toISOString()))
}

export async function ackNotice(deps: Deps, actor: Actor, id: number) {
  const viewer = viewerOf(actor)
  const now = deps.now().toISOString()
  const n = await repo.findVisible(deps.db, viewer, id, now)
  if (!n || n.publish_at > now) throw notFound('公告不存在或已撤回')
  if (n.requires_ack !== 1) throw new AppError(422, 'NOTICE_NO_ACK_NEEDED')
  await repo.recordAck(deps.db, id, actor.userId, now)
  return { acked: true as const, ackedAt: now }
}

/** Staff and admins publish to the community or chosen buildings; a representative only to their own building(s). */
async function checkAudience(deps: Deps, actor: Actor, communityId: number, buildingIds: number[]) {
  if (buildingIds.length > 0) {
    const known = await buildingsIn(deps.db, communityId, buildingIds)
    if (known.length !== new Set(buildingIds).size) throw notFound('所选楼栋不存在')
  }
  if (isStaff(actor, communityId)) return
  const own = repBuildings(actor, communityId)
  if (own.length === 0) throw forbidden('只有物业、管理员或楼栋长可以发布公告')
  if (buildingIds.length === 0 || buildingIds.some((b) => !own.includes(b))) throw forbidden('楼栋长只能向自己负责的楼栋发布公告')
}

export async function createNotice(deps: Deps, actor: Actor, input: CreateNotice) {
  const communityId = homeCommunityId(actor)
  if (communityId === null) throw forbidden()
  const buildingIds = [...new Set(input.buildingIds ?? [])]
  await checkAudience(deps, actor, communityId, buildingIds)
  const now = deps.now().toISOString()
  const publishAt = input.publishAt ? isoNormal(input.publishAt) : now
  const expireAt = input.expireAt ? isoNormal(input.expireAt) : null
  if (expireAt && expireAt <= publishAt) throw new AppError(422, 'INVALID_SCHEDULE', '到期时间必须晚于发布时间')
  if (expireAt && expireAt <= now) throw new AppError(422, 'INVALID_SCHEDULE', '到期时间已经过去了')
  const scope = buildingIds.length > 0 ? 'building' : 'community'
  const id = await deps.db.transaction().execute(async (tx) => {
    const row = await repo.insertNotice(
      tx,
      {
        community_id: communityId,
        author_id: actor.userId,
        scope,
        category: input.category,
        title: input.title.trim(),
        body: input.body,
        pinned: input.pinned ? 1 : 0,
        requires_ack: input.requiresAck ? 1 : 0,
        publish_at: publishAt,
        expire_at: expireAt,
        created_at: now,
      },
      buildingIds,
    )
    await attachUploads(tx, actor, input.imageIds ?? [], `notice:${row.id}`)
    await audit(tx, { actorId: actor.userId, communityId, action: 'notice.publish', target: `notice:${row.id}`, detail: { scope, buildingIds, publishAt }, at: now })
    // Everyone in scope hears about it when it goes up (a scheduled notice: at its publish time).
    const households = await householdsInScope(tx, communityId, scope === 'community' ? null : buildingIds)
    const members = await membersOf(tx, households.map((h) => h.id))
    const userIds = [...new Set(members.map((m) => m.user_id))].filter((u) => u !== actor.userId)
    await enqueueNotifications(
      tx,
      userIds.map((userId) => ({
        userId,
        communityId,
        kind: 'notice.published' as const,
        title: `${NOTICE_CATEGORY_LABELS[input.category]}：${input.title.trim()}`,
        body: input.requiresAck ? '请查看并确认收到' : input.body.slice(0, 60),
        link: `/pages/notices/detail?id=${row.id}`,
        deliverAfter: publishAt,
      })), deps.now(),
    )
    return row.id
  })
  return getNotice(deps, actor, id)
}

async function editable(deps: Deps, actor: Actor, id: number) {
  const communityId = homeCommunityId(actor)
  const n = communityId === null ? undefined : await repo.findInCommunity(deps.db, communityId, id)
  if (!n || n.withdrawn_at) throw notFound('公告不存在或已撤回')
  if (n.author_id !== actor.userId && !isStaff(actor, n.community_id)) throw forbidden('只有发布者或物业可以修改这条公告')
  return n
}

export async function patchNotice(deps: Deps, actor: Actor, id: number, patch: PatchNotice) {
  const n = await editable(deps, actor, id)
  const now = deps.now().toISOString()
  const expireAt = patch.expireAt === undefined ? n.expire_at : patch.expireAt === null ? null : isoNormal(patch.expireAt)
  if (expireAt && expireAt <= n.publish_at) throw new AppError(422, 'INVALID_SCHEDULE', '到期时间必须晚于发布时间')
  const textChanged = (patch.title !== undefined && patch.title.trim() !== n.title) || (patch.body !== undefined && patch.body !== n.body)
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateNotice(tx, id, {
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.pinned !== undefined ? { pinned: patch.pinned ? 1 : 0 } : {}),
      ...(patch.requiresAck !== undefined ? { requires_ack: patch.requiresAck ? 1 : 0 } : {}),
      expire_at: expireAt,
      ...(textChanged ? { edited_at: now } : {}),
    })
    if (patch.imageIds !== undefined) await replaceAttachments(tx, actor, patch.imageIds, `notice:${id}`)
    const before = { title: n.title, body: n.body, category: n.category, pinned: n.pinned, requiresAck: n.requires_ack, expireAt: n.expire_at }
    await audit(tx, { actorId: actor.userId, communityId: n.community_id, action: 'notice.edit', target: `notice:${id}`, detail: { before, patch }, at: now })
  })
  return getNotice(deps, actor, id)
}

export async function withdrawNotice(deps: Deps, actor: Actor, id: number) {
  const n = await editable(deps, actor, id)
  const now = deps.now().toISOString()
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateNotice(tx, id, { withdrawn_at: now })
    await audit(tx, { actorId: actor.userId, communityId: n.community_id, action: 'notice.withdraw', target: `notice:${id}`, detail: { title: n.title }, at: now })
  })
  return { ok: true as const }
}

/** The follow-up view; a representative sees only the households of the buildings they represent. */
async function followUp(deps: Deps, actor: Actor, id: number) {
  const communityId = homeCommunityId(actor)
  const n = communityId === null ? undefined : await repo.findInCommunity(deps.db, communityId, id)
  if (!n || n.withdrawn_at) throw notFound('公告不存在或已撤回')
  const noticeBuildings = ((await repo.buildingNames(deps.db, [id])).get(id) ?? []).map((b) => b.id)
  if (!mayFollowUp(actor, n, noticeBuildings)) throw forbidden('只有发布者、物业或本楼楼栋长可以查看阅读情况')
  let households = await householdsInScope(deps.db, n.community_id, n.scope === 'community' ? null : noticeBuildings)
  if (n.author_id !== actor.userId && !isStaff(actor, n.community_id)) {
    const own = repBuildings(actor, n.community_id)
    households = households.filter((h) => own.includes(h.building_id))
  }
  const receipts = new Map((await repo.householdReceipts(deps.db, id)).map((r) => [r.household_id, r]))
  return { n, households, receipts }
}

const pct = (part: number, total: number) => (total === 0 ? 0 : Math.round((part * 1000) / total) / 10)

export async function receipts(deps: Deps, actor: Actor, id: number): Promise<NoticeReceipts> {
  const { n, households, receipts: byHousehold } = await followUp(deps, actor, id)
  const needsAck = n.requires_ack === 1
  const buildings = new Map<number, { buildingId: number; building: string; total: number; read: number; acked: number }>()
  const unread: NoticeReceipts['unread'] = []
  const unacked: NoticeReceipts['unacked'] = []
  let read = 0
  let acked = 0
  for (const h of households) {
    const r = byHousehold.get(h.id)
    const isRead = !!r
    const isAcked = needsAck && ackCurrent(r?.acked_at as string | null | undefined, n.edited_at)
    const b = buildings.get(h.building_id) ?? { buildingId: h.building_id, building: h.building, total: 0, read: 0, acked: 0 }
    b.total++
    const ref = { householdId: h.id, building: h.building, unit: h.unit, room: h.room }
    if (isRead) {
      read++
      b.read++
    } else unread.push(ref)
    if (isAcked) {
      acked++
      b.acked++
    } else if (needsAck) unacked.push(ref)
    buildings.set(h.building_id, b)
  }
  return {
    noticeId: id,
    requiresAck: needsAck,
    households: { total: households.length, read, acked, readPercent: pct(read, households.length), ackedPercent: pct(acked, households.length) },
    byBuilding: [...buildings.values()].map((b) => ({ ...b, readPercent: pct(b.read, b.total), ackedPercent: pct(b.acked, b.total) })),
    unread,
    unacked,
    lastRemindedAt: n.reminded_at,
  }
}

export async function receiptsCsv(deps: Deps, actor: Actor, id: number): Promise<string> {
  const { n, households, receipts: byHousehold } = await followUp(deps, actor, id)
  const rows = [['楼栋', '单元', '房号', '已读', '首次阅读时间', ...(n.requires_ack ? ['已确认收到'] : [])]]
  for (const h of households) {
    const r = byHousehold.get(h.id)
    const readAt = r?.read_at ? new Date(r.read_at as string).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : ''
    const row = [h.building, h.unit, h.room, r ? '是' : '否', readAt]
    if (n.requires_ack) row.push(ackCurrent(r?.acked_at as string | null | undefined, n.edited_at) ? '是' : '否')
    rows.push(row)
  }
  return csvDocument(rows)
}

/** Re-notifies the members of households that have not read it; at most once an hour per notice. */
export async function remind(deps: Deps, actor: Actor, id: number) {
  const { n, households, receipts: byHousehold } = await followUp(deps, actor, id)
  const now = deps.now()
  if (n.reminded_at && now.getTime() - new Date(n.reminded_at).getTime() < REMIND_INTERVAL_MS) throw new AppError(429, 'REMIND_TOO_SOON')
  const pending = households.filter((h) => !byHousehold.has(h.id))
  return deps.db.transaction().execute(async (tx) => {
    // Two reminders racing: only the first one sends.
    if (!(await repo.claimReminder(tx, id, n.reminded_at, now.toISOString()))) throw new AppError(429, 'REMIND_TOO_SOON')
    const members = await membersOf(tx, pending.map((h) => h.id))
    const userIds = [...new Set(members.map((m) => m.user_id))]
    await enqueueNotifications(
      tx,
      userIds.map((userId) => ({ userId, communityId: n.community_id, kind: 'notice.reminder' as const, title: `提醒：${n.title}`, body: n.requires_ack ? '请查看并确认收到' : '您家还没有查看这条公告', link: `/pages/notices/detail?id=${id}` })), deps.now(),
    )
    await audit(tx, { actorId: actor.userId, communityId: n.community_id, action: 'notice.remind', target: `notice:${id}`, detail: { households: pending.length, people: userIds.length }, at: now.toISOString() })
    const withApp = new Set(members.map((m) => m.household_id))
    return { households: pending.length, people: userIds.length, householdsWithoutApp: pending.filter((h) => !withApp.has(h.id)).length }
  })
}
