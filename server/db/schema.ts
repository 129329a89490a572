import type { Generated, Insertable, Selectable } from 'kysely'
import type { CityRule, Persona, Relation, Role } from '../../types/identity'
import type { NotificationKind } from '../../types/messages'
import type { NoticeCategory } from '../../types/notices'
import type { BallotChannel, LegalRule, PollKind, PollStoredStatus, PollVoters, ResultsVisibility } from '../../types/polls'
import type { RepairCategory, RepairLocationKind, RepairStateGroup, RepairStatus, RepairUrgency } from '../../types/repairs'
import type { CategoryId } from '../../types/sorting'

/**
 * Table types, shared by both engines. Conventions that keep one set of queries valid on SQLite and PostgreSQL:
 * times are ISO-8601 UTC strings (they sort as text), booleans are 0/1 integers, areas are integer hundredths of m².
 */
export interface CommunityTable {
  id: Generated<number>
  slug: string
  name: string
  city: CityRule
  phone: string
  created_at: string
}

export interface BuildingTable {
  id: Generated<number>
  community_id: number
  name: string
  sort: number
}

export interface HouseholdTable {
  id: Generated<number>
  community_id: number
  building_id: number
  unit: string
  room: string
  area_centi: number
  /** Units with the same owner key belong to one owner (one person under Civil Code Art. 278). */
  owner_key: string
  owner_name: string
  owner_phone: string | null
  updated_at: string
}

export interface UserTable {
  id: Generated<number>
  display_name: string
  phone: string | null
  password_hash: string | null
  wechat_openid: string | null
  demo_persona: Persona | null
  care_mode: number
  created_at: string
}

export interface MembershipTable {
  id: Generated<number>
  user_id: number
  household_id: number
  relation: Relation
  created_at: string
}

export interface RoleGrantTable {
  id: Generated<number>
  user_id: number
  community_id: number
  role: Role
  /** 0 for roles not bound to a building (kept non-null so the unique index works on both engines). */
  building_id: number
  created_at: string
}

export interface SessionTable {
  id: Generated<number>
  token_hash: string
  user_id: number
  expires_at: string
  created_at: string
}

export interface InviteTable {
  id: Generated<number>
  code_hash: string
  community_id: number
  household_id: number
  expires_at: string
  used_at: string | null
  used_by: number | null
  created_by: number
  created_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  actor_id: number | null
  community_id: number | null
  action: string
  target: string
  detail: string
  at: string
}

export interface UploadTable {
  id: string
  owner_id: number
  community_id: number | null
  mime: string
  size: number
  width: number
  height: number
  /** What the image is attached to (e.g. `repair:12`), empty until attached; decides who may see it. */
  attached_to: string
  created_at: string
}

export interface RateCounterTable {
  key: string
  window_start: string
  count: number
}

export interface SettingTable {
  key: string
  value: string
}

export interface OutboxTable {
  id: Generated<number>
  user_id: number
  community_id: number
  kind: NotificationKind
  title: string
  body: string
  link: string
  status: OutboxStatus
  attempts: number
  created_at: string
  deliver_after: string
  delivered_at: string | null
  last_error: string | null
  /** The WeChat channel; see migration 008. */
  wx_status: WxStatus | null
  wx_attempts: Generated<number>
  wx_due_at: string | null
  wx_done_at: string | null
  wx_error: string | null
}

export type OutboxStatus = 'pending' | 'delivered' | 'skipped'

export type WxStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'skipped' | 'failed' | 'unknown'

export interface NoticeTable {
  id: Generated<number>
  community_id: number
  author_id: number
  scope: 'community' | 'building'
  category: NoticeCategory
  title: string
  body: string
  pinned: number
  requires_ack: number
  publish_at: string
  expire_at: string | null
  created_at: string
  /** Set when the text of a notice changes; confirmations given before it are for an older version. */
  edited_at: string | null
  withdrawn_at: string | null
  reminded_at: string | null
}

export interface NoticeBuildingTable {
  notice_id: number
  building_id: number
}

export interface NoticeReceiptTable {
  id: Generated<number>
  notice_id: number
  user_id: number
  read_at: string
  acked_at: string | null
}

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

export interface SortingItemTable {
  id: Generated<number>
  /** 0 for the built-in dictionary; otherwise the compound whose staff added the item. */
  community_id: number
  name: string
  category: CategoryId
  /** JSON arrays of strings; pinyin/initials hold the name's first, then each alias's. */
  aliases: string
  tip: string | null
  pinyin: string
  initials: string
  position: number
  created_by: number | null
  created_at: string
}

export interface SortingScheduleTable {
  id: Generated<number>
  community_id: number
  /** JSON [{start:"07:00", end:"09:00"}] in Asia/Shanghai wall-clock time. */
  slots: string
  /** JSON ["3号楼东侧"] */
  places: string
  note: string
  updated_by: number | null
  updated_at: string
}

export interface SortingMissTable {
  id: Generated<number>
  community_id: number
  query: string
  count: number
  last_at: string
}

export interface MessageTable {
  id: Generated<number>
  outbox_id: number
  user_id: number
  kind: NotificationKind
  title: string
  body: string
  link: string
  created_at: string
  read_at: string | null
}

export interface NotificationPrefTable {
  user_id: number
  kind: NotificationKind
  enabled: number
}

export interface Database {
  communities: CommunityTable
  buildings: BuildingTable
  households: HouseholdTable
  users: UserTable
  memberships: MembershipTable
  role_grants: RoleGrantTable
  sessions: SessionTable
  invites: InviteTable
  audit_log: AuditLogTable
  uploads: UploadTable
  rate_counters: RateCounterTable
  settings: SettingTable
  sorting_items: SortingItemTable
  sorting_schedules: SortingScheduleTable
  sorting_misses: SortingMissTable
  outbox: OutboxTable
  polls: PollTable
  poll_options: PollOptionTable
  poll_buildings: PollBuildingTable
  ballots: BallotTable
  ballot_history: BallotHistoryTable
  notices: NoticeTable
  notice_buildings: NoticeBuildingTable
  notice_receipts: NoticeReceiptTable
  messages: MessageTable
  notification_prefs: NotificationPrefTable
  repair_tickets: RepairTicketTable
  ticket_events: TicketEventTable
  ticket_me_too: TicketMeTooTable
  open311_keys: Open311KeyTable
}

export type Community = Selectable<CommunityTable>
export type Household = Selectable<HouseholdTable>
export type User = Selectable<UserTable>
export type NewHousehold = Insertable<HouseholdTable>
