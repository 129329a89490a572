import type { NoticeReceipts } from '@contract/schemas/notices'
import { api } from '@/api/client'

export async function getReceipts(id: number): Promise<NoticeReceipts> {
  return (await api.get<NoticeReceipts>(`/notices/${id}/receipts`)).data
}
