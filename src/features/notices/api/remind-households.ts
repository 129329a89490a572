import { api } from '@/api/client'

export interface RemindResult {
  households: number
  people: number
  householdsWithoutApp: number
}

export async function remindHouseholds(id: number): Promise<RemindResult> {
  return (await api.post<RemindResult>(`/notices/${id}/remind`)).data
}
