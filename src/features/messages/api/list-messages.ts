import type { MessageList } from '@contract/schemas/messages'
import { api } from '@/api/client'

export async function listMessages(cursor?: string | null): Promise<MessageList> {
  return (await api.get<MessageList>('/messages', { params: { cursor: cursor || undefined } })).data
}
