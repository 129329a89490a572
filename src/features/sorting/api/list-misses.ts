import type { MissList } from '@contract/schemas/sorting'
import { api } from '@/api/client'

export async function listMisses(cursor?: string | null): Promise<MissList> {
  return (await api.get<MissList>('/sorting/misses', { params: { cursor: cursor || undefined } })).data
}
