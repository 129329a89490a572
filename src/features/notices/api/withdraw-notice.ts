import { api } from '@/api/client'

export async function withdrawNotice(id: number): Promise<void> {
  await api.delete(`/notices/${id}`)
}
