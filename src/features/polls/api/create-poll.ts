import type { CreatePoll, Poll } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function createPoll(body: CreatePoll): Promise<Poll> {
  return (await api.post<Poll>('/polls', body)).data
}
