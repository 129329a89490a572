import { Type, type Static } from 'typebox'
import { REPAIR_CATEGORIES, REPAIR_STATE_GROUPS } from '../repairs'

// Open311 GeoReport v2: field names are the specification's (snake_case), not ours.

const Jurisdiction = Type.String({ minLength: 1, maxLength: 60, description: '小区代码（community slug）' })

export const Open311JurisdictionQuerySchema = Type.Object({ jurisdiction_id: Type.Optional(Jurisdiction) }, { additionalProperties: false })

export const Open311RequestsQuerySchema = Type.Object(
  {
    jurisdiction_id: Type.Optional(Jurisdiction),
    service_request_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}(,[0-9]{1,10}){0,99}$' })),
    service_code: Type.Optional(Type.Enum(REPAIR_CATEGORIES)),
    start_date: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    end_date: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    status: Type.Optional(Type.Enum(REPAIR_STATE_GROUPS)),
  },
  { additionalProperties: false },
)
export type Open311RequestsQuery = Static<typeof Open311RequestsQuerySchema>

export const Open311CodeParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false })
export const Open311IdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false })

export const Open311PostSchema = Type.Object(
  {
    api_key: Type.Optional(Type.String({ maxLength: 200 })),
    jurisdiction_id: Type.Optional(Jurisdiction),
    service_code: Type.String({ minLength: 1, maxLength: 60 }),
    address_string: Type.Optional(Type.String({ maxLength: 200 })),
    address_id: Type.Optional(Type.String({ maxLength: 100 })),
    lat: Type.Optional(Type.String({ maxLength: 30 })),
    long: Type.Optional(Type.String({ maxLength: 30 })),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    media_url: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$' })),
    // Personal fields of the specification are accepted (so standard clients work) and never stored.
    email: Type.Optional(Type.String({ maxLength: 200 })),
    device_id: Type.Optional(Type.String({ maxLength: 200 })),
    account_id: Type.Optional(Type.String({ maxLength: 200 })),
    first_name: Type.Optional(Type.String({ maxLength: 200 })),
    last_name: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

/** GeoReport v2 errors are a list of {code, description}, not the API's own error format. */
export const Open311ErrorSchema = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), { $id: 'Open311Error' })
