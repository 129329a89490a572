import { Type, type Static } from 'typebox'

// Lists are defined once here; unions are derived from them.
export const CITY_RULES = ['shanghai', 'national'] as const
export type CityRule = (typeof CITY_RULES)[number]

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

const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '中国大陆手机号' })
const Password = Type.String({ minLength: 8, maxLength: 64 })
const InviteCode = Type.String({ minLength: 6, maxLength: 16, pattern: '^[A-Za-z0-9]+$' })

export const DemoLoginSchema = Type.Object({ persona: Type.Union(PERSONAS.map((p) => Type.Literal(p))) }, { additionalProperties: false })
export const WechatLoginSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false })
export const PasswordLoginSchema = Type.Object({ phone: Phone, password: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export const RegisterSchema = Type.Object(
  { inviteCode: InviteCode, phone: Phone, password: Password, relation: Type.Optional(Type.Union(RELATIONS.map((r) => Type.Literal(r)))) },
  { additionalProperties: false },
)
export const BindSchema = Type.Object(
  { inviteCode: InviteCode, relation: Type.Union(RELATIONS.map((r) => Type.Literal(r))) },
  { additionalProperties: false },
)
export const SessionSchema = Type.Object({ token: Type.String(), expiresAt: Type.String() })

export const MeSchema = Type.Object({
  user: Type.Object({ id: Type.Integer(), displayName: Type.String(), careMode: Type.Boolean(), phone: Type.Union([Type.String(), Type.Null()]) }),
  households: Type.Array(
    Type.Object({
      id: Type.Integer(),
      communityId: Type.Integer(),
      buildingId: Type.Integer(),
      building: Type.String(),
      unit: Type.String(),
      room: Type.String(),
      relation: Type.Union(RELATIONS.map((r) => Type.Literal(r))),
    }),
  ),
  roles: Type.Array(Type.Object({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), communityId: Type.Integer(), buildingId: Type.Optional(Type.Integer()) })),
  community: Type.Union([
    Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), city: Type.Union(CITY_RULES.map((c) => Type.Literal(c))), phone: Type.String() }),
    Type.Null(),
  ]),
})
export type Me = Static<typeof MeSchema>

export const PatchMeSchema = Type.Object(
  { displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })), careMode: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)
export type PatchMe = Static<typeof PatchMeSchema>

export const MetaSchema = Type.Object({ demo: Type.Boolean(), wechat: Type.Boolean(), personas: Type.Array(Type.String()) })
export type Meta = Static<typeof MetaSchema>
