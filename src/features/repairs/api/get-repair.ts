import type { RepairTicket } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export async function getRepair(id: number): Promise<RepairTicket> {
  return (await api.get<RepairTicket>(`/repairs/${id}`)).data
}
