import type { RepairTicket } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export async function urgeRepair(id: number): Promise<RepairTicket> {
  return (await api.post<RepairTicket>(`/repairs/${id}/urge`)).data
}
