import type { Generated, Insertable, Selectable } from 'kysely'

/**
 * Table types, shared by both engines. Conventions that keep one set of queries valid on SQLite and PostgreSQL:
 * times are ISO-8601 UTC strings (they sort as text), booleans are 0/1 integers, areas are integer hundredths of m².
 */
export interface CommunityTable {
  id: Generated<number>
  slug: string
  name: string
  city: 'shanghai' | 'national'
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
  demo_persona: string | null
  care_mode: number
  created_at: string
}

export interface MembershipTable {
  id: Generated<number>
  user_id: number
  household_id: number
  relation: 'owner' | 'family' | 'tenant'
  created_at: string
}

export interface RoleGrantTable {
  id: Generated<number>
  user_id: number
  community_id: number
  role: 'admin' | 'staff' | 'worker' | 'rep'
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
  kind: string
  title: string
  body: string
  link: string
  status: string
  attempts: number
  created_at: string
  deliver_after: string
  delivered_at: string | null
  last_error: string | null
}

export interface NoticeTable {
  id: Generated<number>
  community_id: number
  author_id: number
  scope: 'community' | 'building'
  category: string
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

export interface MessageTable {
  id: Generated<number>
  outbox_id: number
  user_id: number
  kind: string
  title: string
  body: string
  link: string
  created_at: string
  read_at: string | null
}

export interface NotificationPrefTable {
  user_id: number
  kind: string
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
  outbox: OutboxTable
  notices: NoticeTable
  notice_buildings: NoticeBuildingTable
  notice_receipts: NoticeReceiptTable
  messages: MessageTable
  notification_prefs: NotificationPrefTable
}

export type Community = Selectable<CommunityTable>
export type Household = Selectable<HouseholdTable>
export type User = Selectable<UserTable>
export type NewHousehold = Insertable<HouseholdTable>
