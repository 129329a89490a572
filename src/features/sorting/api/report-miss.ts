import { api } from '@/api/client'

/** "没找到？告诉物业": one tap sends the query that found nothing. */
export async function reportMiss(q: string): Promise<{ query: string; count: number }> {
  return (await api.post<{ query: string; count: number }>('/sorting/misses', { q })).data
}
