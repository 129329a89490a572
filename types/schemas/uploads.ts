import { Type } from 'typebox'

export const UploadSchema = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String(), width: Type.Integer(), height: Type.Integer(), size: Type.Integer() })
export const UploadParamsSchema = Type.Object({ id: Type.String({ pattern: '^[a-f0-9]{32}$' }) }, { additionalProperties: false })
export const UploadQuerySchema = Type.Object({ size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')])) }, { additionalProperties: false })
