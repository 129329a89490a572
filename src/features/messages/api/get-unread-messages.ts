import { api } from '@/api/client'

export async function getUnreadMessages(): Promise<number> {
  return (await api.get<{ count: number }>('/messages/unread-count')).data.count
}
