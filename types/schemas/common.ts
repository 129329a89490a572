import { Type, type Static, type TProperties, type TSchema } from 'typebox'

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error' },
)

/**
 * Error answers a route names beyond the ones the server derives from its schema (see server/plugins/openapi.ts),
 * e.g. the 401 of a wrong password on a sign-in route that needs no token.
 */
export function ErrorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<S, typeof ErrorSchema>
}

export const IdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false })
export type IdParams = Static<typeof IdParamsSchema>

export const OkSchema = Type.Object({ ok: Type.Literal(true) })

const cursorFields = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
}

/** The query of a keyset-paginated list: pass `nextCursor` back as `cursor` to get the next page. */
export function PagedQuery<P extends TProperties>(filters: P) {
  return Type.Object({ ...cursorFields, ...filters }, { additionalProperties: false })
}
export const CursorQuerySchema = PagedQuery({})
export type CursorQuery = Static<typeof CursorQuerySchema>

/** One page of a keyset-paginated list; `nextCursor` is null on the last page. */
export function Paged<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
}
