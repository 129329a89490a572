import type { Generated } from 'kysely'
import type { RepairCategory, RepairLocationKind, RepairStateGroup, RepairStatus, RepairUrgency } from '../../../types/repairs'

export interface RepairTicketTable {
  id: Generated<number>
  community_id: number
  location_kind: RepairLocationKind
  household_id: number | null
  building_id: number | null
  location_text: string
  lat_micro: number | null
  long_micro: number | null
  category: RepairCategory
  description: string
  urgency: RepairUrgency
  status: RepairStatus
  /** Kept beside the status so lists can ask for a group through an index. */
  state_group: RepairStateGroup
  assignee_id: number | null
  reporter_id: number | null
  source: 'app' | 'open311'
  open311_key_id: number | null
  media_url: string | null
  contact_phone: string | null
  preferred_time: string | null
  sla_due_at: string
  created_at: string
  updated_at: string
  resolved_at: string | null
  closed_at: string | null
  rating_overall: number | null
  rating_speed: number | null
  rating_attitude: number | null
  rating_comment: string | null
  rated_at: string | null
  me_too_count: Generated<number>
  idempotency_key: string | null
  last_urged_at: string | null
}

/** Append-only log of a ticket: every status change, comment, urge, assignment and rating. */
export interface TicketEventTable {
  id: Generated<number>
  ticket_id: number
  type: string
  actor_id: number | null
  actor_role: string
  at: string
  note: string | null
  internal: number
  from_status: RepairStatus | null
  to_status: RepairStatus | null
  assignee_id: number | null
  photo_ids: string
}

export interface TicketMeTooTable {
  ticket_id: number
  user_id: number
  at: string
}

export interface Open311KeyTable {
  id: Generated<number>
  community_id: number
  key_hash: string
  label: string
  created_by: number
  created_at: string
  revoked_at: string | null
}
