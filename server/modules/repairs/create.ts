import { placeLabel } from '../../../types/format'
import type { Insertable } from 'kysely'
import { REPAIR_CATEGORY_LABELS, type RepairCategory, type RepairUrgency } from '../../../types/repairs'
import type { CreateRepair, RepairTicket } from '../../../types/schemas/repairs'
import { homeCommunityId, type Actor } from '../../authz'
import type { Deps } from '../../context'
import type { RepairTicketTable } from '../../db/schema'
import { AppError, forbidden } from '../../errors'
import { enqueueNotifications } from '../../outbox'
import { buildingsIn, householdPlace } from '../community/repo'
import { attachUploads } from '../uploads/service'
import { photoTarget } from './access'
import { ticketLink, toStaff } from './notify'
import { getRepair } from './read'
import * as repo from './repo'
import { slaDueAt } from './state-machine'

/** Filing a ticket: from the app (home or a public place, retried safely with an idempotency key) or from Open311. */

type Required = 'community_id' | 'location_kind' | 'location_text' | 'category' | 'description' | 'urgency' | 'source'

/** A ticket as it starts: submitted, unassigned, with the deadline its urgency gives (the demo seed starts from it too). */
export function newTicket(now: Date, fields: Pick<Insertable<RepairTicketTable>, Required> & Partial<Insertable<RepairTicketTable>> & { urgency: RepairUrgency }): Insertable<RepairTicketTable> {
  const at = now.toISOString()
  return {
    household_id: null,
    building_id: null,
    lat_micro: null,
    long_micro: null,
    status: 'submitted',
    state_group: 'open',
    assignee_id: null,
    reporter_id: null,
    open311_key_id: null,
    media_url: null,
    contact_phone: null,
    preferred_time: null,
    sla_due_at: slaDueAt(fields.urgency, now),
    created_at: at,
    updated_at: at,
    resolved_at: null,
    closed_at: null,
    rating_overall: null,
    rating_speed: null,
    rating_attitude: null,
    rating_comment: null,
    rated_at: null,
    idempotency_key: null,
    last_urged_at: null,
    ...fields,
  }
}

interface Place {
  communityId: number
  householdId: number | null
  buildingId: number | null
  text: string
}

/** Home problems are located by the household the reporter belongs to; public ones by what they write. */
async function placeOf(deps: Deps, actor: Actor, location: CreateRepair['location']): Promise<Place> {
  if (location.kind === 'home') {
    if (location.text !== undefined || location.buildingId !== undefined) throw new AppError(400, 'VALIDATION_FAILED', '报修自家问题时位置取自绑定的房屋，不需要填写地点')
    const home = location.householdId === undefined ? actor.households[0] : actor.households.find((h) => h.householdId === location.householdId)
    if (!home) throw new AppError(location.householdId === undefined ? 422 : 403, 'REPAIR_HOUSEHOLD_REQUIRED')
    const place = await householdPlace(deps.db, home.householdId)
    if (!place) throw new AppError(422, 'REPAIR_HOUSEHOLD_REQUIRED')
    return { communityId: place.community_id, householdId: place.id, buildingId: place.building_id, text: placeLabel(place, { spaced: true }) }
  }
  if (location.householdId !== undefined) throw new AppError(400, 'VALIDATION_FAILED', '公共区域报修不需要选择房屋')
  const text = location.text?.trim()
  if (!text) throw new AppError(400, 'VALIDATION_FAILED', '请填写公共区域的具体位置，例如“2号楼大堂电梯”')
  const communityId = homeCommunityId(actor)
  if (communityId === null) throw forbidden('请先绑定房屋')
  let buildingId: number | null = null
  if (location.buildingId !== undefined) {
    if ((await buildingsIn(deps.db, communityId, [location.buildingId])).length === 0) throw new AppError(400, 'VALIDATION_FAILED', '楼栋不存在')
    buildingId = location.buildingId
  }
  return { communityId, householdId: null, buildingId, text }
}

export async function createRepair(deps: Deps, actor: Actor, body: CreateRepair, idempotencyKey: string | undefined): Promise<{ ticket: RepairTicket; created: boolean }> {
  const now = deps.now()
  const at = now.toISOString()
  const place = await placeOf(deps, actor, body.location)
  const description = body.description.trim()
  if (!description) throw new AppError(400, 'VALIDATION_FAILED', '请描述一下问题')

  const result = await deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertTicket(
      tx,
      newTicket(now, {
        community_id: place.communityId,
        location_kind: body.location.kind,
        household_id: place.householdId,
        building_id: place.buildingId,
        location_text: place.text,
        category: body.category,
        description,
        urgency: body.urgency,
        reporter_id: actor.userId,
        source: 'app',
        contact_phone: body.contactPhone ?? actor.phone,
        preferred_time: body.preferredTime?.trim() || null,
        idempotency_key: idempotencyKey ?? null,
      }),
    )
    if (id === null) {
      // A retry of a request that already made its ticket: answer with that ticket, unless the content differs.
      const existing = await repo.findByIdempotencyKey(tx, actor.userId, idempotencyKey!)
      if (!existing) throw new AppError(409, 'CONFLICT')
      if (existing.description !== description || existing.category !== body.category || existing.location_kind !== body.location.kind) {
        throw new AppError(422, 'REPAIR_IDEMPOTENCY_MISMATCH')
      }
      return { id: existing.id, created: false }
    }
    const photoIds = body.photoIds ?? []
    await attachUploads(tx, actor, photoIds, photoTarget(id))
    await repo.insertEvent(tx, { ticket_id: id, type: 'created', actor_id: actor.userId, actor_role: 'reporter', at, to_status: 'submitted', photoIds })
    const urgent = body.urgency === 'urgent' ? '【紧急】' : ''
    const notes = await toStaff(tx, place.communityId, { kind: 'repair.status', title: `${urgent}新报修：${REPAIR_CATEGORY_LABELS[body.category]}`, body: `${place.text}：${description}`, link: ticketLink(id) })
    await enqueueNotifications(tx, notes, deps.now())
    return { id, created: true }
  })
  const ticket = await getRepair(deps, actor, result.id)
  return { ticket, created: result.created }
}

export interface Open311Ticket {
  communityId: number
  keyId: number
  category: RepairCategory
  description: string
  address: string
  latMicro: number | null
  longMicro: number | null
  mediaUrl: string | null
}

/** A public-place ticket filed by an Open311 client: no reporter, no phone; staff are told as for any new ticket. */
export async function createFromOpen311(deps: Deps, input: Open311Ticket): Promise<number> {
  const now = deps.now()
  const at = now.toISOString()
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertTicket(
      tx,
      newTicket(now, {
        community_id: input.communityId,
        location_kind: 'public',
        location_text: input.address,
        lat_micro: input.latMicro,
        long_micro: input.longMicro,
        category: input.category,
        description: input.description,
        urgency: 'normal',
        source: 'open311',
        open311_key_id: input.keyId,
        media_url: input.mediaUrl,
      }),
    )
    if (id === null) throw new AppError(409, 'CONFLICT')
    await repo.insertEvent(tx, { ticket_id: id, type: 'created', actor_id: null, actor_role: 'open311', at, to_status: 'submitted' })
    const notes = await toStaff(tx, input.communityId, { kind: 'repair.status', title: `新报修（Open311）：${REPAIR_CATEGORY_LABELS[input.category]}`, body: `${input.address}：${input.description}`, link: ticketLink(id) })
    await enqueueNotifications(tx, notes, deps.now())
    return id
  })
}
