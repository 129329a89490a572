import type { Insertable, Selectable } from 'kysely'
import type { CommunityTable, BuildingTable, HouseholdTable, UserTable, MembershipTable, RoleGrantTable, SessionTable, InviteTable, AuditLogTable, UploadTable, RateCounterTable, SettingTable } from './identity'
import type { OutboxTable, MessageTable, NotificationPrefTable } from './messages'
import type { NoticeTable, NoticeBuildingTable, NoticeReceiptTable } from './notices'
import type { PollTable, PollOptionTable, PollBuildingTable, BallotTable, BallotHistoryTable } from './polls'
import type { RepairTicketTable, TicketEventTable, TicketMeTooTable, Open311KeyTable } from './repairs'
import type { SortingItemTable, SortingScheduleTable, SortingMissTable } from './sorting'

/**
 * Table types, shared by both engines. Conventions that keep one set of queries valid on SQLite and PostgreSQL:
 * times are ISO-8601 UTC strings (they sort as text), booleans are 0/1 integers, areas are integer hundredths of m².
 */
export type * from './identity'
export type * from './messages'
export type * from './notices'
export type * from './polls'
export type * from './repairs'
export type * from './sorting'

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
