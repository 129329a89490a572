import type { PollResults } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function getResults(id: number): Promise<PollResults> {
  return (await api.get<PollResults>(`/polls/${id}/results`)).data
}
