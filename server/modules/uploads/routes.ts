import fs from 'node:fs'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { UploadParamsSchema, UploadSchema } from '../../../types/schemas/uploads'
import { UPLOAD_MAX_BYTES } from '../../../types/uploads'
import type { Deps } from '../../context'
import { AppError } from '../../errors'
import { requireActor } from '../../plugins/auth'
import * as service from './service'

const tags = ['uploads']

const UploadQuery = Type.Object(
  {
    size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')])),
    exp: Type.Optional(Type.Integer({ minimum: 0, maximum: 99999999999 })),
    sig: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
)

export const uploadRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/uploads',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, description: 'multipart/form-data，字段 file：一张 JPEG/PNG/WebP/HEIC 照片，≤ 10 MB', consumes: ['multipart/form-data'], response: { 201: UploadSchema } },
    },
    async (req, reply) => {
      const actor = await requireActor(deps, req)
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传图片')
      await service.admitUpload(deps, actor, req.ip)
      let data: Buffer | undefined
      try {
        // Every part is read, so a second file is the files limit (413) instead of being dropped unseen.
        for await (const part of req.parts({ limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 1024 } })) {
          if (part.type !== 'file') continue
          data = await part.toBuffer()
          // toBuffer only notices the size limit on a chunk that arrives after it; the last chunk before it can slip through.
          if (part.file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '照片太大，请选择 10 MB 以内的照片')
        }
        if (!data) throw new AppError(400, 'VALIDATION_FAILED', '缺少图片文件（字段 file）')
      } catch (err) {
        // Limits (413) and our own errors pass through; a body that is not valid multipart is the client's 400.
        if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err
        throw new AppError(400, 'VALIDATION_FAILED', '上传内容不完整或格式不正确，请重新选择照片')
      }
      const result = await service.createUpload(deps, actor, data)
      return reply.status(201).send(result)
    },
  )

  app.get('/uploads/:id', { schema: { tags, description: '带 exp 与 sig 的签名链接无需登录', security: [{}, { bearer: [] }], params: UploadParamsSchema, querystring: UploadQuery } }, async (req, reply) => {
    const size = req.query.size ?? 'full'
    const { exp, sig } = req.query
    const signed = exp !== undefined && sig !== undefined && service.verifySignature(deps, req.params.id, size, exp, sig)
    const file = await service.readUpload(deps, req.params.id, size, signed ? { signed: true } : { signed: false, actor: await requireActor(deps, req) })
    return reply
      .header('content-type', 'image/jpeg')
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file))
  })
}
