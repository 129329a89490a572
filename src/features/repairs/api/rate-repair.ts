import type { RepairRating, RepairTicket } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export async function rateRepair(id: number, body: RepairRating): Promise<RepairTicket> {
  return (await api.post<RepairTicket>(`/repairs/${id}/rating`, body)).data
}
