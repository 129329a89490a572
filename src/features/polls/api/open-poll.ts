import type { Poll } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function openPoll(id: number): Promise<Poll> {
  return (await api.post<Poll>(`/polls/${id}/open`)).data
}
