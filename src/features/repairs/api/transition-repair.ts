import type { RepairTicket, RepairTransitionBody } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export async function transitionRepair(id: number, body: RepairTransitionBody): Promise<RepairTicket> {
  return (await api.post<RepairTicket>(`/repairs/${id}/transitions`, body)).data
}
