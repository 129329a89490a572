import type { Meta } from '@contract/schemas/identity'
import { api } from '@/api/client'

export async function fetchMeta(): Promise<Meta> {
  const res = await api.get<Meta>('/meta')
  return res.data
}
