import { PHONE_PATTERN } from '../../../types/identity'
import { buildingsIn, buildingsOf } from '../community/repo'
import { areaFromCenti, parseAreaCenti } from '../../../types/format'
import type { ImportResult, PutRole } from '../../../types/schemas/admin'
import type { Actor } from '../../authz'
import { requireAdminCommunity, requireStaffCommunity } from '../../authz'
import type { Deps } from '../../context'
import { hashInviteCode, newInviteCode, sha256 } from '../../crypto'
import { AppError, notFound } from '../../errors'
import { forgetUser } from '../identity/actor-cache'
import { audit } from '../../lib/audit'
import { isBlankRow, parseCsv } from './csv'
import * as repo from './repo'

const PHONE = new RegExp(PHONE_PATTERN)

const HEADERS: Record<string, 'building' | 'unit' | 'room' | 'area' | 'owner' | 'phone' | 'ownerKey'> = {
  building: 'building', 楼栋: 'building', 楼号: 'building',
  unit: 'unit', 单元: 'unit',
  room: 'room', 房号: 'room', 室: 'room',
  area: 'area', 面积: 'area', '建筑面积': 'area', '专有面积': 'area',
  owner: 'owner', 'owner name': 'owner', 业主: 'owner', 业主姓名: 'owner',
  phone: 'phone', 手机: 'phone', 手机号: 'phone', 电话: 'phone',
  ownerkey: 'ownerKey', 'owner key': 'ownerKey', 业主编号: 'ownerKey',
}

interface ImportRow {
  building: string
  unit: string
  room: string
  areaCenti: number
  owner: string
  phone: string | null
  ownerKey: string
}

function validateRows(communityId: number, csv: string): { rows: ImportRow[]; errors: { row: number; message: string }[] } {
  // Row numbers are the spreadsheet's: blank rows are skipped but still counted.
  const table = parseCsv(csv).map((cells, i) => ({ cells, rowNo: i + 1 })).filter((r) => !isBlankRow(r.cells))
  const errors: { row: number; message: string }[] = []
  if (table.length < 2) return { rows: [], errors: [{ row: table[0]?.rowNo ?? 1, message: '文件为空或只有表头' }] }
  const headerRow = table[0]!
  const header = headerRow.cells.map((h) => HEADERS[h.trim().toLowerCase()])
  for (const need of ['building', 'unit', 'room', 'area', 'owner'] as const) {
    if (!header.includes(need)) errors.push({ row: headerRow.rowNo, message: `表头缺少列：${need}（楼栋,单元,房号,面积,业主姓名,手机号）` })
  }
  if (errors.length) return { rows: [], errors }
  const rows: ImportRow[] = []
  const seen = new Map<string, number>()
  table.slice(1).forEach(({ cells, rowNo }) => {
    const get = (k: string) => (cells[header.indexOf(k as never)] ?? '').trim()
    const building = get('building')
    const unit = get('unit')
    const room = get('room')
    const owner = get('owner')
    const phone = get('phone')
    const areaCenti = parseAreaCenti(get('area'))
    const problems: string[] = []
    if (!building || building.length > 20) problems.push('楼栋为空或过长')
    if (!unit || unit.length > 10) problems.push('单元为空或过长')
    if (!room || room.length > 10) problems.push('房号为空或过长')
    if (!owner || owner.length > 30) problems.push('业主姓名为空或过长')
    if (areaCenti === null) problems.push(`面积“${get('area')}”无效（应为正数，最多两位小数）`)
    if (phone && !PHONE.test(phone)) problems.push(`手机号“${phone}”无效`)
    const place = `${building}|${unit}|${room}`
    if (seen.has(place)) problems.push(`与第 ${seen.get(place)} 行是同一套房`)
    seen.set(place, rowNo)
    if (problems.length) {
      errors.push({ row: rowNo, message: problems.join('；') })
      return
    }
    // Without an explicit owner number, one phone number means one owner; no phone means the unit stands alone.
    const explicitKey = get('ownerKey')
    const ownerKey = explicitKey ? `k:${explicitKey}` : phone ? `p:${sha256(`${communityId}:${phone}`).slice(0, 16)}` : `u:${place}`
    rows.push({ building, unit, room, areaCenti: areaCenti!, owner, phone: phone || null, ownerKey })
  })
  return { rows, errors }
}

/** All-or-nothing: any bad row imports nothing and the answer names every bad row. Re-importing updates in place. */
export async function importHouseholds(deps: Deps, actor: Actor, csv: string): Promise<ImportResult> {
  const communityId = requireAdminCommunity(actor)
  const { rows, errors } = validateRows(communityId, csv)
  if (errors.length) throw new AppError(422, 'IMPORT_INVALID', `导入文件有 ${errors.length} 处错误（第 ${errors.map((e) => e.row).join('、')} 行），未导入任何数据`, errors)
  const now = deps.now().toISOString()
  return deps.db.transaction().execute(async (tx) => {
    const buildings = new Map((await buildingsOf(tx, communityId)).map((b) => [b.name, b.id]))
    let created = 0
    let updated = 0
    let buildingsCreated = 0
    for (const row of rows) {
      let buildingId = buildings.get(row.building)
      if (buildingId === undefined) {
        buildingId = await repo.insertBuilding(tx, communityId, row.building, buildings.size + 1)
        buildings.set(row.building, buildingId)
        buildingsCreated++
      }
      const values = { area_centi: row.areaCenti, owner_key: row.ownerKey, owner_name: row.owner, owner_phone: row.phone, updated_at: now }
      const existing = await repo.findHousehold(tx, buildingId, row.unit, row.room)
      if (existing) {
        await repo.updateHousehold(tx, existing.id, values)
        updated++
      } else {
        await repo.insertHousehold(tx, { community_id: communityId, building_id: buildingId, unit: row.unit, room: row.room, ...values })
        created++
      }
    }
    await audit(tx, { actorId: actor.userId, communityId, action: 'households.import', target: `community:${communityId}`, detail: { created, updated, buildingsCreated }, at: now })
    return { created, updated, buildingsCreated }
  })
}

export async function listHouseholds(deps: Deps, actor: Actor) {
  const communityId = requireStaffCommunity(actor)
  const rows = await repo.listHouseholds(deps.db, communityId)
  return {
    items: rows.map((r) => ({ id: r.id, buildingId: r.building_id, building: r.building, unit: r.unit, room: r.room, area: areaFromCenti(r.area_centi), ownerKey: r.owner_key })),
  }
}

/** Issues a fresh code per household; any earlier unused code of that household stops working. */
export async function issueInvites(deps: Deps, actor: Actor, householdIds: number[], validDays = 30) {
  const communityId = requireAdminCommunity(actor)
  const ids = [...new Set(householdIds)]
  const now = deps.now().toISOString()
  const expiresAt = new Date(deps.now().getTime() + validDays * 86400_000).toISOString()
  return deps.db.transaction().execute(async (tx) => {
    const households = await repo.householdsIn(tx, communityId, ids)
    if (households.length !== ids.length) throw notFound('部分房屋不存在或不属于本小区')
    await repo.expireOpenInvites(tx, ids, now)
    const items = []
    for (const h of households) {
      const code = newInviteCode()
      await repo.insertInvite(tx, { code_hash: hashInviteCode(code), community_id: communityId, household_id: h.id, expires_at: expiresAt, created_by: actor.userId, created_at: now })
      items.push({ householdId: h.id, building: h.building, unit: h.unit, room: h.room, code, expiresAt })
    }
    await audit(tx, { actorId: actor.userId, communityId, action: 'invites.issue', target: `community:${communityId}`, detail: { householdIds: ids, validDays }, at: now })
    return { items }
  })
}

export async function putRole(deps: Deps, actor: Actor, input: PutRole) {
  const communityId = requireAdminCommunity(actor)
  if (input.role === 'rep' && !input.buildingId) throw new AppError(400, 'VALIDATION_FAILED', '楼栋长必须指定楼栋')
  if (input.role !== 'rep' && input.buildingId) throw new AppError(400, 'VALIDATION_FAILED', '只有楼栋长需要指定楼栋')
  if (input.userId === actor.userId && input.role === 'admin' && !input.granted) throw new AppError(422, 'CONFLICT', '不能撤销自己的管理员身份')
  const now = deps.now().toISOString()
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.userExists(tx, input.userId))) throw notFound('用户不存在')
    if (input.buildingId) {
      const [b] = await buildingsIn(tx, communityId, [input.buildingId])
      if (!b) throw notFound('楼栋不存在')
    }
    const grant = { user_id: input.userId, community_id: communityId, role: input.role, building_id: input.buildingId ?? 0 }
    if (input.granted) await repo.grantRole(tx, { ...grant, created_at: now })
    else await repo.revokeRole(tx, grant)
    await audit(tx, { actorId: actor.userId, communityId, action: input.granted ? 'role.grant' : 'role.revoke', target: `user:${input.userId}`, detail: input, at: now })
  })
  forgetUser(input.userId)
  return { ok: true as const }
}

/** Staff see full names and phone numbers here, so every look is audited. */
export async function listMembers(deps: Deps, actor: Actor) {
  const communityId = requireAdminCommunity(actor)
  const { memberRows, roleRows } = await repo.members(deps.db, communityId)
  const byUser = new Map<number, { userId: number; displayName: string; phone: string | null; households: { householdId: number; building: string; unit: string; room: string; relation: 'owner' | 'family' | 'tenant' }[]; roles: { role: string; buildingId?: number }[] }>()
  const entry = (r: { userId: number; display_name: string; phone: string | null }) => {
    let e = byUser.get(r.userId)
    if (!e) byUser.set(r.userId, (e = { userId: r.userId, displayName: r.display_name, phone: r.phone, households: [], roles: [] }))
    return e
  }
  for (const r of memberRows) entry(r).households.push({ householdId: r.householdId, building: r.building, unit: r.unit, room: r.room, relation: r.relation })
  for (const r of roleRows) entry(r).roles.push({ role: r.role, ...(r.building_id ? { buildingId: r.building_id } : {}) })
  await audit(deps.db, { actorId: actor.userId, communityId, action: 'members.view', target: `community:${communityId}`, at: deps.now().toISOString() })
  return { items: [...byUser.values()].sort((a, b) => a.userId - b.userId) }
}
