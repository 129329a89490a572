import { REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS, type RepairCategory, type RepairStatus } from '../../../types/repairs'
import type { Queryable } from '../../db'
import type { Notification } from '../../outbox'
import { staffOf } from '../community/repo'
import type * as repo from './repo'

/** What a repair notification says and where it leads; the commands decide who hears it. */

export const ticketLink = (id: number) => `/pages/repairs/detail?id=${id}`

export const categoryLabel = (category: RepairCategory): string => REPAIR_CATEGORY_LABELS[category] ?? '报修'

/** Nobody in particular is on it yet: every staff member and admin of the community hears. */
export async function toStaff(db: Queryable, communityId: number, n: Omit<Notification, 'userId' | 'communityId'>): Promise<Notification[]> {
  return (await staffOf(db, communityId)).map((s) => ({ ...n, userId: s.user_id, communityId }))
}

/** Tells the reporter their ticket moved, unless they moved it themselves. */
export function toReporter(t: repo.TicketRow, to: RepairStatus, actorId: number | null, note?: string): Notification[] {
  if (t.reporter_id === null || t.reporter_id === actorId) return []
  return [
    {
      userId: t.reporter_id,
      communityId: t.community_id,
      kind: 'repair.status',
      title: `您的${categoryLabel(t.category)}报修${REPAIR_STATUS_LABELS[to]}`,
      body: note ? `${t.location_text}：${note}` : t.location_text,
      link: ticketLink(t.id),
    },
  ]
}
