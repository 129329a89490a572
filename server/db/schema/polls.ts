import type { Generated } from 'kysely'
import type { BallotChannel, LegalRule, PollKind, PollStoredStatus, PollVoters, ResultsVisibility } from '../../../types/polls'

export interface PollTable {
  id: Generated<number>
  community_id: number
  title: string
  description: string
  kind: PollKind
  max_choices: number
  legal_rule: LegalRule
  voters: PollVoters
  secret: number
  results_visibility: ResultsVisibility
  /** Stored state; "scheduled" and closing by time are derived from opens_at/closes_at. */
  status: PollStoredStatus
  opens_at: string | null
  closes_at: string
  closed_at: string | null
  close_reason: string | null
  cancel_reason: string | null
  created_by: number
  created_at: string
  closing_notified_at: string | null
  results_notified_at: string | null
}

export interface PollOptionTable {
  id: Generated<number>
  poll_id: number
  position: number
  label: string
}

export interface PollBuildingTable {
  poll_id: number
  building_id: number
}

export interface BallotTable {
  id: Generated<number>
  poll_id: number
  household_id: number
  /** JSON array of option ids, ascending. */
  choices: string
  channel: BallotChannel
  cast_by: number
  receipt: string
  version: number
  created_at: string
  updated_at: string
}

/** Append-only: every cast, change, paper entry and override. */
export interface BallotHistoryTable {
  id: Generated<number>
  poll_id: number
  household_id: number
  action: 'cast' | 'change' | 'paper' | 'override'
  choices: string
  channel: BallotChannel
  actor_id: number
  reason: string | null
  note: string | null
  at: string
}
