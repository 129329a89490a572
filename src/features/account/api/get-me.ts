import type { Me } from '@contract/schemas/identity'
import { api } from '@/api/client'

export async function fetchMe(): Promise<Me> {
  const res = await api.get<Me>('/me')
  return res.data
}
