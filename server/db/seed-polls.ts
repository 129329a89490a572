import { APPROVE_LABELS } from '../../types/polls'
import type { Tx } from './index'

const DAY = 86400_000

/**
 * One open owners' decision in 绿苑小区 1号楼 (run by its representative), so the poll pages have something real.
 * No ballots: the demo personas cast their own.
 */
export async function seedDemoPolls(tx: Tx, now: Date): Promise<void> {
  const rep = await tx
    .selectFrom('role_grants')
    .innerJoin('communities', 'communities.id', 'role_grants.community_id')
    .select(['role_grants.user_id', 'role_grants.community_id', 'role_grants.building_id'])
    .where('communities.slug', '=', 'lvyuan')
    .where('role_grants.role', '=', 'rep')
    .orderBy('role_grants.id')
    .executeTakeFirst()
  if (!rep) return
  const poll = await tx
    .insertInto('polls')
    .values({
      community_id: rep.community_id,
      title: '是否同意更换1号楼电梯',
      description: '1号楼电梯已使用 20 年，维修频繁。拟使用专项维修资金更换两部电梯，预算约 80 万元。按《民法典》第二百七十八条表决。',
      kind: 'approve',
      max_choices: 1,
      legal_rule: 'major',
      voters: 'owners',
      secret: 0,
      results_visibility: 'live',
      status: 'open',
      opens_at: null,
      closes_at: new Date(now.getTime() + 14 * DAY).toISOString(),
      created_by: rep.user_id,
      created_at: new Date(now.getTime() - DAY).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await tx
    .insertInto('poll_options')
    .values(APPROVE_LABELS.map((label, i) => ({ poll_id: poll.id, position: i + 1, label })))
    .execute()
  await tx.insertInto('poll_buildings').values({ poll_id: poll.id, building_id: rep.building_id }).execute()
}
