import { Type, type Static } from 'typebox'

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

export const IdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false })
export type IdParams = Static<typeof IdParamsSchema>

export const OkSchema = Type.Object({ ok: Type.Literal(true) })

/** A page of a keyset-paginated list: pass `nextCursor` back as `cursor` to get the next page. */
export const CursorQuerySchema = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})
