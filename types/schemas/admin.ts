import { Type, type Static } from 'typebox'
import { RELATIONS, ROLES } from '../identity'

export const ImportResultSchema = Type.Object({ created: Type.Integer(), updated: Type.Integer(), buildingsCreated: Type.Integer() })
export type ImportResult = Static<typeof ImportResultSchema>

/** One entry per bad CSV row; `row` counts the header as row 1, like a spreadsheet does. */
export const ImportErrorDetailSchema = Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() }))

export const AdminHouseholdSchema = Type.Object({
  id: Type.Integer(),
  buildingId: Type.Integer(),
  building: Type.String(),
  unit: Type.String(),
  room: Type.String(),
  area: Type.Number(),
  ownerKey: Type.String(),
})
export const AdminHouseholdListSchema = Type.Object({ items: Type.Array(AdminHouseholdSchema) })

export const CreateInvitesSchema = Type.Object(
  {
    householdIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 }),
    validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false },
)
export const InviteListSchema = Type.Object({
  items: Type.Array(
    Type.Object({ householdId: Type.Integer(), building: Type.String(), unit: Type.String(), room: Type.String(), code: Type.String(), expiresAt: Type.String() }),
  ),
})

export const PutRoleSchema = Type.Object(
  {
    userId: Type.Integer({ minimum: 1 }),
    role: Type.Enum(ROLES),
    buildingId: Type.Optional(Type.Integer({ minimum: 1 })),
    granted: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type PutRole = Static<typeof PutRoleSchema>

export const MemberListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      displayName: Type.String(),
      phone: Type.Union([Type.String(), Type.Null()]),
      households: Type.Array(Type.Object({ householdId: Type.Integer(), building: Type.String(), unit: Type.String(), room: Type.String(), relation: Type.Enum(RELATIONS) })),
      roles: Type.Array(Type.Object({ role: Type.String(), buildingId: Type.Optional(Type.Integer()) })),
    }),
  ),
})
