import { Type, type Static } from 'typebox'
import { CITY_RULES, PERSONAS, PHONE_PATTERN, RELATIONS, ROLES } from '../identity'

const Phone = Type.String({ pattern: PHONE_PATTERN, description: '中国大陆手机号' })
const Password = Type.String({ minLength: 8, maxLength: 64 })
const InviteCode = Type.String({ minLength: 6, maxLength: 16, pattern: '^[A-Za-z0-9]+$' })

export const DemoLoginSchema = Type.Object({ persona: Type.Enum(PERSONAS) }, { additionalProperties: false })
export const WechatLoginSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false })
export const PasswordLoginSchema = Type.Object({ phone: Phone, password: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export const RegisterSchema = Type.Object(
  { inviteCode: InviteCode, phone: Phone, password: Password, relation: Type.Optional(Type.Enum(RELATIONS)) },
  { additionalProperties: false },
)
export const BindSchema = Type.Object(
  { inviteCode: InviteCode, relation: Type.Enum(RELATIONS) },
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
      relation: Type.Enum(RELATIONS),
    }),
  ),
  roles: Type.Array(Type.Object({ role: Type.Enum(ROLES), communityId: Type.Integer(), buildingId: Type.Optional(Type.Integer()) })),
  community: Type.Union([
    Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), city: Type.Enum(CITY_RULES), phone: Type.String() }),
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

export const BuildingListSchema = Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) })
export type BuildingList = Static<typeof BuildingListSchema>
