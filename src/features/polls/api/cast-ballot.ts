import type { Ballot } from '@contract/schemas/polls'
import { api } from '@/api/client'

export type CastResult = Ballot & { pollId: number; changed: boolean }

export async function castBallot(id: number, choices: number[], householdId?: number): Promise<CastResult> {
  return (await api.put<CastResult>(`/polls/${id}/ballot`, householdId ? { choices, householdId } : { choices })).data
}
