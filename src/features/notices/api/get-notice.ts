import type { Notice } from '@contract/schemas/notices'
import { api } from '@/api/client'

/** Opening a notice is what records it as read. */
export async function getNotice(id: number): Promise<Notice> {
  return (await api.get<Notice>(`/notices/${id}`)).data
}
