import { api } from '@/api/client'

export async function ackNotice(id: number): Promise<void> {
  await api.post(`/notices/${id}/ack`)
}
