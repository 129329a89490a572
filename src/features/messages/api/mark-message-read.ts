import { api } from '@/api/client'

export async function markMessageRead(id: number): Promise<void> {
  await api.post(`/messages/${id}/read`)
}

export async function markAllMessagesRead(): Promise<void> {
  await api.post('/messages/read-all')
}
