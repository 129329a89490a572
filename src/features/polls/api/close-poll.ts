import type { Poll } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function closePoll(id: number, reason?: string): Promise<Poll> {
  return (await api.post<Poll>(`/polls/${id}/close`, reason ? { reason } : {})).data
}
