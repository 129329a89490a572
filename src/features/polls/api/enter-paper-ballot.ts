import type { CastResult } from './cast-ballot'
import { api } from '@/api/client'

export interface PaperBallotInput {
  householdId: number
  choices: number[]
  note?: string
  override?: boolean
  reason?: string
}

export async function enterPaperBallot(id: number, body: PaperBallotInput): Promise<CastResult> {
  return (await api.post<CastResult>(`/polls/${id}/paper-ballots`, body)).data
}
