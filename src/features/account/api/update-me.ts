import type { Me, PatchMe } from '@contract/schemas/identity'
import { api } from '@/api/client'
import { setMe } from '../session-store'

export async function updateMe(patch: PatchMe): Promise<Me> {
  const res = await api.patch<Me>('/me', patch)
  setMe(res.data)
  return res.data
}
