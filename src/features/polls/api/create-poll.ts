import type { CreatePoll, Poll } from '@contract/polls'
import { api } from '@/api/client'

export async function createPoll(body: CreatePoll): Promise<Poll> {
  return (await api.post<Poll>('/polls', body)).data
}
