import type { Generated } from 'kysely'
import type { CityRule, Persona, Relation, Role } from '../../../types/identity'

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
