import type { Relation, Role } from '../types/identity'
import { forbidden } from './errors'

/** Who is asking, as loaded from the session. Every access decision is made from this, never from the request body. */
export interface Actor {
  userId: number
  displayName: string
  careMode: boolean
  phone: string | null
  households: { householdId: number; communityId: number; buildingId: number; relation: Relation }[]
  roles: { role: Role; communityId: number; buildingId: number | null }[]
}

/** The community a person acts in: where they live, or else where they work. */
export function homeCommunityId(actor: Actor): number | null {
  return actor.households[0]?.communityId ?? actor.roles[0]?.communityId ?? null
}

export function hasRole(actor: Actor, communityId: number, ...roles: Role[]): boolean {
  return actor.roles.some((r) => r.communityId === communityId && roles.includes(r.role))
}

export function isStaff(actor: Actor, communityId: number): boolean {
  return hasRole(actor, communityId, 'staff', 'admin')
}

export function isRepOf(actor: Actor, communityId: number, buildingId: number): boolean {
  return actor.roles.some((r) => r.role === 'rep' && r.communityId === communityId && r.buildingId === buildingId)
}

export function belongsTo(actor: Actor, communityId: number): boolean {
  return actor.households.some((h) => h.communityId === communityId) || actor.roles.some((r) => r.communityId === communityId)
}

/** The community whose admin console the actor may use; 403 for everyone else. */
export function requireAdminCommunity(actor: Actor): number {
  const grant = actor.roles.find((r) => r.role === 'admin')
  if (!grant) throw forbidden('只有社区管理员可以进行此操作')
  return grant.communityId
}

export function requireStaffCommunity(actor: Actor): number {
  const grant = actor.roles.find((r) => r.role === 'admin' || r.role === 'staff')
  if (!grant) throw forbidden('只有物业或管理员可以进行此操作')
  return grant.communityId
}
