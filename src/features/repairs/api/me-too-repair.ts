import { api } from '@/api/client'

export async function meTooRepair(id: number): Promise<{ meToo: boolean; meTooCount: number }> {
  return (await api.post<{ meToo: boolean; meTooCount: number }>(`/repairs/${id}/me-too`)).data
}
