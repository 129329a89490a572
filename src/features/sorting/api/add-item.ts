import type { CreateItem } from '@contract/schemas/sorting'
import { api } from '@/api/client'

export async function addItem(body: CreateItem): Promise<{ name: string; label: string }> {
  return (await api.post<{ name: string; label: string }>('/sorting/items', body)).data
}
