import type { TurnoutList } from '@contract/schemas/polls'
import { api } from '@/api/client'

export async function getTurnout(id: number): Promise<TurnoutList> {
  return (await api.get<TurnoutList>(`/polls/${id}/turnout`)).data
}
