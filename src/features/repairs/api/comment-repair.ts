import type { RepairComment, RepairTicket } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export async function commentRepair(id: number, body: RepairComment): Promise<RepairTicket> {
  return (await api.post<RepairTicket>(`/repairs/${id}/comments`, body)).data
}
