import type { RepairCategory, RepairStateGroup, RepairStatus } from '@contract/repairs'
import type { RepairList } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export type RepairScope = 'mine' | 'public' | 'queue' | 'assigned'

export interface RepairQuery {
  scope: RepairScope
  status?: RepairStatus | RepairStateGroup | null
  category?: RepairCategory | null
  buildingId?: number | null
  overdue?: boolean
  cursor?: string | null
}

export async function listRepairs(q: RepairQuery): Promise<RepairList> {
  const params = { scope: q.scope, status: q.status || undefined, category: q.category || undefined, buildingId: q.buildingId || undefined, overdue: q.overdue || undefined, cursor: q.cursor || undefined }
  return (await api.get<RepairList>('/repairs', { params })).data
}
