import type { Poll } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function getPoll(id: number): Promise<Poll> {
  return (await api.get<Poll>(`/polls/${id}`)).data
}
