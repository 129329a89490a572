import { REPAIR_CATEGORIES, REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS, type RepairCategory } from '../../../types/repairs'
import type { Open311RequestsQuery } from '../../../types/schemas/open311'
import { requireAdminCommunity, type Actor } from '../../authz'
import type { Deps } from '../../context'
import { newToken, sha256 } from '../../crypto'
import { AppError, notFound } from '../../errors'
import { audit } from '../../lib/audit'
import { createFromOpen311 } from '../repairs/service'
import { communityById } from '../community/repo'
import * as repo from './repo'
import { FORMATS, MEDIA_TYPES } from './xml'

/** Open311 clients send any service code; ours are the repair categories. */
const isRepairCategory = (code: string): code is RepairCategory => (REPAIR_CATEGORIES as readonly string[]).includes(code)

/**
 * Open311 GeoReport v2 over the repair tickets of one community (jurisdiction_id = the community's slug).
 * Only public-place tickets are exposed, and only what is about the place: no reporter, household or phone.
 */

/** ISO-8601 with an explicit offset, in China Standard Time (no daylight saving, so +08:00 is always right). */
export function cst(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00')
}

const CHANGESET = '2026-11-25T00:00:00+08:00'

export function discovery(url: string) {
  return {
    changeset: CHANGESET,
    contact: '请联系所在小区物业（物业电话见邻里通小程序）',
    key_service: '由小区管理员在邻里通后台签发 api_key（POST /api/v1/admin/open311-keys）',
    endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: CHANGESET, type: 'production', formats: FORMATS.map((f) => MEDIA_TYPES[f]) }],
  }
}

export async function jurisdiction(deps: Deps, slug: string | undefined) {
  if (!slug) throw new AppError(400, 'VALIDATION_FAILED', 'jurisdiction_id is required (the community slug)')
  const c = await repo.communityBySlug(deps.db, slug)
  if (!c) throw notFound(`jurisdiction_id "${slug}" not found`)
  return c
}

export function services() {
  return REPAIR_CATEGORIES.map((code) => ({
    service_code: code,
    service_name: REPAIR_CATEGORY_LABELS[code],
    description: `公共区域${REPAIR_CATEGORY_LABELS[code]}问题`,
    metadata: false,
    type: 'realtime',
    keywords: REPAIR_CATEGORY_LABELS[code],
    group: '报修',
  }))
}

export function serviceDefinition(code: string) {
  if (!isRepairCategory(code)) throw notFound(`service_code "${code}" not found`)
  return { service_code: code, attributes: [] as unknown[] }
}

type RequestRow = Awaited<ReturnType<typeof repo.publicRequests>>[number]

function requestOf(r: RequestRow, agency: string) {
  return {
    service_request_id: String(r.id),
    status: r.state_group,
    status_notes: REPAIR_STATUS_LABELS[r.status],
    service_name: REPAIR_CATEGORY_LABELS[r.category],
    service_code: r.category,
    description: r.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: cst(r.created_at),
    updated_datetime: cst(r.updated_at),
    expected_datetime: cst(r.sla_due_at),
    address: r.location_text,
    address_id: null,
    zipcode: null,
    lat: r.lat_micro === null ? null : r.lat_micro / 1e6,
    long: r.long_micro === null ? null : r.long_micro / 1e6,
    media_url: r.media_url,
  }
}

export async function listRequests(deps: Deps, q: Open311RequestsQuery) {
  const c = await jurisdiction(deps, q.jurisdiction_id)
  const start = q.start_date ? new Date(q.start_date) : undefined
  const end = q.end_date ? new Date(q.end_date) : undefined
  if ((start && Number.isNaN(start.getTime())) || (end && Number.isNaN(end.getTime()))) throw new AppError(400, 'VALIDATION_FAILED', 'start_date/end_date must be ISO-8601 date-times')
  const rows = await repo.publicRequests(deps.db, {
    communityId: c.id,
    ids: q.service_request_id ? q.service_request_id.split(',').map(Number) : undefined,
    category: q.service_code,
    start: start?.toISOString(),
    end: end?.toISOString(),
    stateGroup: q.status,
    // The spec lets a server cap the list; without a window the newest 1000 come back.
    limit: 1000,
  })
  return rows.map((r) => requestOf(r, c.name))
}

export async function getRequest(deps: Deps, slug: string | undefined, id: number) {
  const c = await jurisdiction(deps, slug)
  const rows = await repo.publicRequests(deps.db, { communityId: c.id, ids: [id], limit: 1 })
  if (rows.length === 0) throw notFound(`service_request_id ${id} not found`)
  return rows.map((r) => requestOf(r, c.name))
}

export interface PostRequest {
  api_key?: string
  jurisdiction_id?: string
  service_code: string
  address_string?: string
  lat?: string
  long?: string
  description: string
  media_url?: string
}

function coordinate(value: string | undefined, limit: number): number | null {
  if (value === undefined || value === '') return null
  if (!/^-?\d{1,3}(\.\d{1,10})?$/.test(value)) return NaN
  const n = Number(value)
  return Math.abs(n) <= limit ? Math.round(n * 1e6) : NaN
}

export async function postRequest(deps: Deps, body: PostRequest) {
  if (!body.api_key) throw new AppError(403, 'FORBIDDEN', 'api_key is required')
  const key = await repo.activeKey(deps.db, sha256(body.api_key))
  if (!key) throw new AppError(403, 'FORBIDDEN', 'api_key is invalid or revoked')
  const c = (await communityById(deps.db, key.community_id))!
  if (body.jurisdiction_id !== undefined && body.jurisdiction_id !== c.slug) throw new AppError(403, 'FORBIDDEN', 'api_key is not valid for this jurisdiction_id')
  if (!isRepairCategory(body.service_code)) throw notFound(`service_code "${body.service_code}" not found`)
  const lat = coordinate(body.lat, 90)
  const long = coordinate(body.long, 180)
  if (Number.isNaN(lat) || Number.isNaN(long) || (lat === null) !== (long === null)) throw new AppError(400, 'VALIDATION_FAILED', 'lat and long must be given together as decimal degrees')
  const address = body.address_string?.trim()
  if (!address && lat === null) throw new AppError(400, 'VALIDATION_FAILED', 'a location is required: address_string or lat + long')
  const description = body.description.trim()
  if (!description) throw new AppError(400, 'VALIDATION_FAILED', 'description is required')
  const id = await createFromOpen311(deps, {
    communityId: c.id,
    keyId: key.id,
    category: body.service_code,
    description,
    address: (address || `${(lat! / 1e6).toFixed(6)},${(long! / 1e6).toFixed(6)}`).slice(0, 200),
    latMicro: lat,
    longMicro: long,
    mediaUrl: body.media_url ?? null,
  })
  return [{ service_request_id: String(id), service_notice: '物业已收到，将尽快处理', account_id: null }]
}

/** An admin issues a key for their own community; the key is shown once and only its hash is kept. */
export async function issueKey(deps: Deps, actor: Actor, label: string) {
  const communityId = requireAdminCommunity(actor)
  const key = `o311_${newToken()}`
  const at = deps.now().toISOString()
  const c = (await communityById(deps.db, communityId))!
  const row = await deps.db.transaction().execute(async (tx) => {
    const r = await repo.insertKey(tx, { community_id: communityId, key_hash: sha256(key), label: label.trim(), created_by: actor.userId, created_at: at })
    await audit(tx, { actorId: actor.userId, communityId, action: 'open311.key.issue', target: `open311_key:${r.id}`, detail: { label }, at })
    return r
  })
  return { id: row.id, label: label.trim(), key, jurisdictionId: c.slug }
}
