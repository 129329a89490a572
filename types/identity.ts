// Lists are defined once here; unions are derived from them.
export const CITY_RULES = ['shanghai', 'national'] as const
export type CityRule = (typeof CITY_RULES)[number]

/** A mainland China mobile number, as a JSON-schema pattern (the client builds a RegExp from it). */
export const PHONE_PATTERN = '^1[3-9][0-9]{9}$'

export const RELATIONS = ['owner', 'family', 'tenant'] as const
export type Relation = (typeof RELATIONS)[number]
export const RELATION_LABELS: Record<Relation, string> = { owner: '业主', family: '家属', tenant: '租户' }

export const ROLES = ['admin', 'staff', 'worker', 'rep'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', staff: '物业客服', worker: '维修师傅', rep: '楼栋长' }

/** Demo personas; the `_b` ones live in the second (national-rules) compound. */
export const PERSONAS = ['resident', 'elder', 'rep', 'staff', 'worker', 'admin', 'resident_b', 'staff_b'] as const
export type Persona = (typeof PERSONAS)[number]
export const PERSONA_LABELS: Record<Persona, string> = {
  resident: '业主（1号楼）',
  elder: '长辈（2号楼，长辈模式）',
  rep: '楼栋长（1号楼）',
  staff: '物业客服',
  worker: '维修师傅',
  admin: '社区管理员',
  resident_b: '另一小区业主',
  staff_b: '另一小区物业',
}
