import { placeLabel } from '../../types/format'
import type { RepairStatus } from '../../types/repairs'
import type { Tx } from './index'
import { newTicket } from '../modules/repairs/create'

/**
 * Two demo tickets in 绿苑小区 so the repair pages show something real: 陈女士's leaking tap (being fixed by 赵师傅)
 * and a broken street light 李楼长 reported in a public place, which 王阿姨 also ran into.
 */
export async function seedDemoRepairs(tx: Tx, now: Date): Promise<void> {
  const users = new Map((await tx.selectFrom('users').select(['id', 'demo_persona']).execute()).map((u) => [u.demo_persona, u.id]))
  const resident = users.get('resident')
  const rep = users.get('rep')
  const worker = users.get('worker')
  const staff = users.get('staff')
  const elder = users.get('elder')
  if (!resident || !rep || !worker || !staff || !elder) return
  const home = await tx
    .selectFrom('memberships')
    .innerJoin('households', 'households.id', 'memberships.household_id')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select(['households.id', 'households.community_id', 'households.building_id', 'households.unit', 'households.room', 'buildings.name'])
    .where('memberships.user_id', '=', resident)
    .executeTakeFirst()
  if (!home) return
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString()
  const tap = await tx
    .insertInto('repair_tickets')
    .values(
      newTicket(new Date(at(20)), {
        community_id: home.community_id,
        source: 'app',
        location_kind: 'home',
        household_id: home.id,
        building_id: home.building_id,
        location_text: placeLabel({ building: home.name, unit: home.unit, room: home.room }, { spaced: true }),
        category: 'plumbing_electric',
        description: '厨房水龙头一直滴水，关紧了也不行',
        urgency: 'normal',
        status: 'in_progress',
        state_group: 'open',
        assignee_id: worker,
        reporter_id: resident,
        contact_phone: '13900001234',
        preferred_time: '工作日 18:00 后',
        updated_at: at(2),
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  const ev = (type: string, actor: number, role: string, hoursAgo: number, from: RepairStatus | null, to: RepairStatus | null, note: string | null = null) => ({
    ticket_id: tap.id,
    type,
    actor_id: actor,
    actor_role: role,
    at: at(hoursAgo),
    note,
    internal: 0,
    from_status: from,
    to_status: to,
    assignee_id: type === 'assign' ? worker : null,
    photo_ids: '[]',
  })
  await tx
    .insertInto('ticket_events')
    .values([
      ev('created', resident, 'reporter', 20, null, 'submitted'),
      ev('accept', staff, 'staff', 18, 'submitted', 'accepted'),
      ev('assign', staff, 'staff', 18, 'accepted', 'assigned', '赵师傅今晚上门'),
      ev('start', worker, 'worker', 2, 'assigned', 'in_progress'),
    ])
    .execute()

  const light = await tx
    .insertInto('repair_tickets')
    .values(
      newTicket(new Date(at(5)), {
        community_id: home.community_id,
        source: 'app',
        location_kind: 'public',
        household_id: null,
        building_id: home.building_id,
        location_text: '1号楼北侧小路路灯',
        category: 'public_lighting',
        description: '路灯晚上不亮，走路看不清',
        urgency: 'normal',
        status: 'submitted',
        state_group: 'open',
        assignee_id: null,
        reporter_id: rep,
        contact_phone: null,
        preferred_time: null,
        me_too_count: 1,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  await tx.insertInto('ticket_events').values({ ...ev('created', rep, 'reporter', 5, null, 'submitted'), ticket_id: light.id }).execute()
  await tx.insertInto('ticket_me_too').values({ ticket_id: light.id, user_id: elder, at: at(4) }).execute()
}
