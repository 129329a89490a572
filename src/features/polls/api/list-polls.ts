import type { PollStatus } from '@contract/polls'
import type { PollList } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function listPolls(status: PollStatus, cursor?: string | null): Promise<PollList> {
  return (await api.get<PollList>('/polls', { params: { status, cursor: cursor || undefined } })).data
}
