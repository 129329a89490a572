import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema, OkSchema } from '../../../types/schemas/common'
import {
  AckResultSchema,
  CreateNoticeSchema,
  NoticeListQuerySchema,
  NoticeListSchema,
  NoticeReceiptsSchema,
  NoticeSchema,
  PatchNoticeSchema,
  RemindResultSchema,
  UnreadCountSchema,
} from '../../../types/schemas/notices'
import type { Deps } from '../../context'
import { requireActor } from '../../plugins/auth'
import { registerAttachmentVisibility } from '../uploads/service'
import * as service from './service'

const tags = ['notices']

export const noticeRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // A notice's images are visible to whoever may read the notice.
  registerAttachmentVisibility('notice', (d, actor, id) => service.canRead(d, actor, id))

  app.get('/notices', { schema: { tags, querystring: NoticeListQuerySchema, response: { 200: NoticeListSchema } } }, async (req) =>
    service.listNotices(deps, await requireActor(deps, req), req.query),
  )

  app.get('/notices/unread-count', { schema: { tags, response: { 200: UnreadCountSchema } } }, async (req) => service.unreadCount(deps, await requireActor(deps, req)))

  app.post('/notices', { schema: { tags, body: CreateNoticeSchema, response: { 201: NoticeSchema } } }, async (req, reply) => {
    const notice = await service.createNotice(deps, await requireActor(deps, req), req.body)
    return reply.status(201).send(notice)
  })

  app.get('/notices/:id', { schema: { tags, params: IdParamsSchema, response: { 200: NoticeSchema } } }, async (req) =>
    service.getNotice(deps, await requireActor(deps, req), req.params.id),
  )

  app.patch('/notices/:id', { schema: { tags, params: IdParamsSchema, body: PatchNoticeSchema, response: { 200: NoticeSchema } } }, async (req) =>
    service.patchNotice(deps, await requireActor(deps, req), req.params.id, req.body),
  )

  app.delete('/notices/:id', { schema: { tags, description: '撤回公告（保留记录）', params: IdParamsSchema, response: { 200: OkSchema } } }, async (req) =>
    service.withdrawNotice(deps, await requireActor(deps, req), req.params.id),
  )

  app.post('/notices/:id/ack', { schema: { tags, params: IdParamsSchema, response: { 200: AckResultSchema } } }, async (req) =>
    service.ackNotice(deps, await requireActor(deps, req), req.params.id),
  )

  app.get('/notices/:id/receipts', { schema: { tags, params: IdParamsSchema, response: { 200: NoticeReceiptsSchema } } }, async (req) =>
    service.receipts(deps, await requireActor(deps, req), req.params.id),
  )

  app.get('/notices/:id/receipts.csv', { schema: { tags, params: IdParamsSchema, produces: ['text/csv'] } }, async (req, reply) => {
    const csv = await service.receiptsCsv(deps, await requireActor(deps, req), req.params.id)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="notice-${req.params.id}-receipts.csv"`)
      .send(csv)
  })

  app.post('/notices/:id/remind', { schema: { tags, description: '提醒尚未阅读的住户（每条公告每小时最多一次）', params: IdParamsSchema, response: { 200: RemindResultSchema } } }, async (req) =>
    service.remind(deps, await requireActor(deps, req), req.params.id),
  )
}
