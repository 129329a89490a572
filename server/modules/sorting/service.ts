import crypto from 'node:crypto'
import type { CityRule } from '../../../types/identity'
import { categoriesFor, categoryInfo, DEFAULT_CITY } from '../../../types/sorting'
import { normalizeQuery, searchEntries, type SortingEntry } from '../../../types/sorting-search'
import type { CreateItem, Dataset, MissList, PutSchedule, Schedule, SearchResult } from '../../../types/schemas/sorting'
import { homeCommunityId, isStaff, requireStaffCommunity, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { type Db, type Queryable } from '../../db'
import { AppError, forbidden } from '../../errors'
import { hitLimit } from '../../limits'
import { decodeCursor, pageOf } from '../../pagination'
import datasetFile from './data/dataset.json'
import { pinyinKeys } from './pinyin'
import { communityById } from '../community/repo'
import * as repo from './repo'

const BUILTIN = datasetFile as { version: string; items: SortingEntry[] }
const VERSION_KEY = 'sorting_dictionary_version'

/** The built-in dictionary as loaded from the database, per database handle (tests run many apps in one process). */
const builtinByDb = new WeakMap<Db, SortingEntry[]>()

function entryOf(row: repo.ItemRow): SortingEntry {
  const entry: SortingEntry = {
    name: row.name,
    category: row.category,
    aliases: JSON.parse(row.aliases) as string[],
    pinyin: JSON.parse(row.pinyin) as string[],
    initials: JSON.parse(row.initials) as string[],
  }
  if (row.tip) entry.tip = row.tip
  return entry
}

/**
 * Loads dataset.json into sorting_items when its version differs from the one the database holds (both engines),
 * then keeps the dictionary in memory for searching. Called once when the routes are registered.
 */
export async function syncDictionary(db: Db): Promise<void> {
  if ((await repo.settingValue(db, VERSION_KEY)) !== BUILTIN.version) {
    const now = new Date().toISOString()
    await db.transaction().execute(async (tx) => {
      await repo.replaceBuiltinItems(
        tx,
        BUILTIN.items.map((e, position) => ({
          community_id: 0,
          name: e.name,
          category: e.category,
          aliases: JSON.stringify(e.aliases),
          tip: e.tip ?? null,
          pinyin: JSON.stringify(e.pinyin),
          initials: JSON.stringify(e.initials),
          position,
          created_by: null,
          created_at: now,
        })),
      )
      await repo.putSetting(tx, VERSION_KEY, BUILTIN.version)
    })
  }
  builtinByDb.set(db, (await repo.builtinItems(db)).map(entryOf))
}

function builtin(db: Db): SortingEntry[] {
  const entries = builtinByDb.get(db)
  if (!entries) throw new Error('sorting dictionary not loaded')
  return entries
}

/** Where a caller stands: the labels of their compound's city (or the one asked for), and their compound's items. */
async function contextOf(deps: Deps, actor: Actor | null, city?: CityRule) {
  const communityId = actor ? homeCommunityId(actor) : null
  const community = communityId !== null ? await communityById(deps.db, communityId) : undefined
  return { communityId: community ? community.id : null, city: city ?? community?.city ?? DEFAULT_CITY }
}

/** The dictionary a compound sees: the built-in one plus what its staff added, and a version covering both. */
async function entriesFor(deps: Deps, communityId: number | null): Promise<{ version: string; entries: SortingEntry[] }> {
  const base = builtin(deps.db)
  if (communityId === null) return { version: BUILTIN.version, entries: base }
  const extra = (await repo.communityItems(deps.db, communityId)).map(entryOf)
  if (extra.length === 0) return { version: BUILTIN.version, entries: base }
  const version = crypto.createHash('sha256').update(BUILTIN.version).update(JSON.stringify(extra)).digest('hex').slice(0, 16)
  return { version, entries: [...base, ...extra] }
}

export async function search(deps: Deps, actor: Actor | null, q: string, city?: CityRule): Promise<SearchResult> {
  const ctx = await contextOf(deps, actor, city)
  const { entries } = await entriesFor(deps, ctx.communityId)
  return {
    city: ctx.city,
    items: searchEntries(entries, q).map(({ entry, match }) => {
      const info = categoryInfo(ctx.city, entry.category)
      return { name: entry.name, category: entry.category, label: info.label, color: info.color, textColor: info.textColor, icon: info.icon, aliases: entry.aliases, ...(entry.tip ? { tip: entry.tip } : {}), match }
    }),
  }
}

/** The whole dictionary for offline search on the phone; `etag` changes with the items and the city's labels. */
export async function dataset(deps: Deps, actor: Actor | null, city?: CityRule): Promise<{ etag: string; body: Dataset }> {
  const ctx = await contextOf(deps, actor, city)
  const { version, entries } = await entriesFor(deps, ctx.communityId)
  return { etag: `"${version}.${ctx.city}"`, body: { version, city: ctx.city, categories: categoriesFor(ctx.city), items: entries } }
}

// ---- drop-off schedule ----

const clockText = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1')

export function scheduleSummary(slots: { start: string; end: string }[], places: string[]): string {
  if (slots.length === 0) return ''
  const times = slots.map((s) => `${clockText(s.start)}–${clockText(s.end)}`).join('、')
  return places.length ? `${times}，${places.join('、')}` : times
}

export async function getSchedule(deps: Deps, actor: Actor): Promise<Schedule> {
  const communityId = homeCommunityId(actor)
  if (communityId === null) throw forbidden('请先绑定房屋')
  const community = (await communityById(deps.db, communityId))!
  const row = await repo.scheduleOf(deps.db, communityId)
  const slots = row ? (JSON.parse(row.slots) as { start: string; end: string }[]) : []
  const places = row ? (JSON.parse(row.places) as string[]) : []
  return {
    communityName: community.name,
    city: community.city,
    slots,
    places,
    note: row?.note ?? '',
    summary: scheduleSummary(slots, places),
    canEdit: isStaff(actor, communityId),
    updatedAt: row?.updated_at ?? null,
  }
}

/** Staff set their own compound's times and places (the compound comes from the session, never the body). */
export async function putSchedule(deps: Deps, actor: Actor, body: PutSchedule): Promise<Schedule> {
  const communityId = requireStaffCommunity(actor)
  const slots = [...body.slots].sort((a, b) => a.start.localeCompare(b.start))
  for (const [i, s] of slots.entries()) {
    if (s.start >= s.end) throw new AppError(422, 'SORTING_SCHEDULE_INVALID', `${clockText(s.start)}–${clockText(s.end)}：结束时间要晚于开始时间`)
    const prev = slots[i - 1]
    if (prev && s.start < prev.end) throw new AppError(422, 'SORTING_SCHEDULE_INVALID', '投放时段不能重叠')
  }
  const places = body.places.map((p) => p.trim())
  if (places.some((p) => !p)) throw new AppError(422, 'SORTING_SCHEDULE_INVALID', '投放地点不能为空')
  await repo.upsertSchedule(deps.db, communityId, {
    slots: JSON.stringify(slots.map(({ start, end }) => ({ start, end }))),
    places: JSON.stringify(places),
    note: (body.note ?? '').trim(),
    updated_by: actor.userId,
    updated_at: deps.now().toISOString(),
  })
  return getSchedule(deps, { ...actor, households: actor.households.filter((h) => h.communityId === communityId) })
}

/** Demo data: both compounds start with a schedule (called from the demo seed). */
export async function seedDemoSchedules(db: Queryable, communityIds: number[], at: string): Promise<void> {
  const plans = [
    { slots: [{ start: '07:00', end: '09:00' }, { start: '18:00', end: '20:00' }], places: ['3号楼东侧'], note: '湿垃圾请破袋投放，袋子投入干垃圾桶' },
    { slots: [{ start: '06:30', end: '08:30' }, { start: '18:30', end: '20:30' }], places: ['A座北门', 'B座车库入口'], note: '大件垃圾请提前联系物业预约' },
  ]
  for (const [i, communityId] of communityIds.entries()) {
    const plan = plans[i % plans.length]!
    await repo.upsertSchedule(db, communityId, { slots: JSON.stringify(plan.slots), places: JSON.stringify(plan.places), note: plan.note, updated_by: null, updated_at: at })
  }
}

// ---- missed searches ----

export async function recordMiss(deps: Deps, actor: Actor, ip: string, q: string): Promise<{ query: string; count: number }> {
  const communityId = homeCommunityId(actor)
  if (communityId === null) throw forbidden('请先绑定房屋')
  const query = normalizeQuery(q)
  if (!query) throw new AppError(400, 'VALIDATION_FAILED', '请输入没找到的物品名称')
  await hitLimit(deps, `sorting-miss:user:${actor.userId}`, 30, 3600, '反馈太频繁了，请一小时后再试')
  await hitLimit(deps, `sorting-miss:ip:${ip}`, 120, 3600, '反馈太频繁了，请一小时后再试')
  const count = await repo.recordMiss(deps.db, communityId, query, deps.now().toISOString())
  return { query, count }
}

export async function listMisses(deps: Deps, actor: Actor, query: { cursor?: string; limit?: number }): Promise<MissList> {
  const communityId = requireStaffCommunity(actor)
  const limit = query.limit ?? 20
  const after = query.cursor ? decodeCursor(query.cursor, ['number', 'string', 'number']) : undefined
  const rows = await repo.listMisses(deps.db, communityId, limit, after ? { count: after[0] as number, lastAt: after[1] as string, id: after[2] as number } : undefined)
  const page = pageOf(rows, limit, (r) => [r.count, r.last_at, r.id])
  const { entries } = await entriesFor(deps, communityId)
  return {
    items: page.items.map((r) => ({ query: r.query, count: r.count, lastAt: r.last_at, found: searchEntries(entries, r.query, 1).length > 0 })),
    nextCursor: page.nextCursor,
  }
}

// ---- staff-added items ----

export async function addItem(deps: Deps, actor: Actor, body: CreateItem) {
  const communityId = requireStaffCommunity(actor)
  const name = body.name.trim()
  const aliases = [...new Set((body.aliases ?? []).map((a) => a.trim()))].filter((a) => a !== name)
  const tip = body.tip?.trim() || undefined
  const { entries } = await entriesFor(deps, communityId)
  const taken = new Map<string, SortingEntry>()
  for (const e of entries) for (const w of [e.name, ...e.aliases]) taken.set(w, e)
  for (const w of [name, ...aliases]) {
    const existing = taken.get(w)
    if (existing) throw new AppError(409, 'SORTING_ITEM_EXISTS', `“${w}”已经在词典里了（${existing.name}）`)
  }
  const keys = [name, ...aliases].map(pinyinKeys)
  const item = { name, category: body.category, aliases, pinyin: keys.map((k) => k.pinyin), initials: keys.map((k) => k.initials) }
  const id = await repo.insertItem(deps.db, {
    community_id: communityId,
    name,
    category: item.category,
    aliases: JSON.stringify(aliases),
    tip: tip ?? null,
    pinyin: JSON.stringify(item.pinyin),
    initials: JSON.stringify(item.initials),
    position: 0,
    created_by: actor.userId,
    created_at: deps.now().toISOString(),
  })
  if (id === null) throw new AppError(409, 'SORTING_ITEM_EXISTS', `“${name}”已经在词典里了`)
  const community = (await communityById(deps.db, communityId))!
  return { ...item, ...(tip ? { tip } : {}), label: categoryInfo(community.city, item.category).label }
}
