import type { Relation } from '@contract/identity'
import type { Me } from '@contract/schemas/identity'
import { api } from '@/api/client'
import { setMe } from '../session-store'

export async function bindHousehold(inviteCode: string, relation: Relation): Promise<Me> {
  const res = await api.post<Me>('/households/bind', { inviteCode: inviteCode.trim().toUpperCase(), relation })
  setMe(res.data)
  return res.data
}
