import type { CreateNotice, Notice } from '@contract/schemas/notices'
import { api } from '@/api/client'

export async function createNotice(input: CreateNotice): Promise<Notice> {
  return (await api.post<Notice>('/notices', input)).data
}
