import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema } from '../../../types/schemas/common'
import {
  CreateRepairSchema,
  IdempotencyHeaderSchema,
  MeTooSchema,
  RepairCommentSchema,
  RepairListQuerySchema,
  RepairListSchema,
  RepairRatingSchema,
  RepairTicketSchema,
  RepairTransitionBodySchema,
  WorkerListSchema,
} from '../../../types/schemas/repairs'
import type { Deps } from '../../context'
import { requireActor } from '../../plugins/auth'
import { registerAttachmentVisibility } from '../uploads/service'
import * as service from './service'

const tags = ['repairs']

registerAttachmentVisibility('repair', service.maySeeTicket)
registerAttachmentVisibility('repairnote', service.maySeeTicketNotes)

export const repairRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/repairs',
    {
      schema: {
        tags,
        description: '报修。请求头 Idempotency-Key：同一用户用同一个键重复提交，得到同一张工单（首次 201，之后 200，id 相同）。',
        headers: IdempotencyHeaderSchema,
        body: CreateRepairSchema,
        response: { 200: RepairTicketSchema, 201: RepairTicketSchema },
      },
    },
    async (req, reply) => {
      const { ticket, created } = await service.createRepair(deps, await requireActor(deps, req), req.body, req.headers['idempotency-key'])
      return reply.status(created ? 201 : 200).send(ticket)
    },
  )

  app.get('/repairs', { schema: { tags, description: 'scope=mine 我的（含同户）· public 本小区公共区域 · queue 物业工单池（按期限）· assigned 派给我的', querystring: RepairListQuerySchema, response: { 200: RepairListSchema } } }, async (req) =>
    service.listRepairs(deps, await requireActor(deps, req), req.query),
  )

  app.get('/repairs/workers', { schema: { tags, description: '可派单的维修师傅（物业）', response: { 200: WorkerListSchema } } }, async (req) => service.listWorkers(deps, await requireActor(deps, req)))

  app.get('/repairs/:id', { schema: { tags, params: IdParamsSchema, response: { 200: RepairTicketSchema } } }, async (req) => service.getRepair(deps, await requireActor(deps, req), req.params.id))

  app.post(
    '/repairs/:id/transitions',
    { schema: { tags, description: '状态流转；不允许的流转返回 409 并附当前状态（error.details.status）', params: IdParamsSchema, body: RepairTransitionBodySchema, response: { 200: RepairTicketSchema } } },
    async (req) => service.transition(deps, await requireActor(deps, req), req.params.id, req.body),
  )

  app.post('/repairs/:id/comments', { schema: { tags, params: IdParamsSchema, body: RepairCommentSchema, response: { 200: RepairTicketSchema } } }, async (req) =>
    service.comment(deps, await requireActor(deps, req), req.params.id, req.body),
  )

  app.post('/repairs/:id/urge', { schema: { tags, description: '催单：每张工单 30 分钟一次（429），修好后不能催（409）', params: IdParamsSchema, response: { 200: RepairTicketSchema } } }, async (req) =>
    service.urge(deps, await requireActor(deps, req), req.params.id, req.ip),
  )

  app.post('/repairs/:id/rating', { schema: { tags, params: IdParamsSchema, body: RepairRatingSchema, response: { 200: RepairTicketSchema } } }, async (req) =>
    service.rate(deps, await requireActor(deps, req), req.params.id, req.body),
  )

  app.post('/repairs/:id/me-too', { schema: { tags, description: '我也遇到了（公共区域工单，每人一次，重复点击不重复计数）', params: IdParamsSchema, response: { 200: MeTooSchema } } }, async (req) =>
    service.meToo(deps, await requireActor(deps, req), req.params.id),
  )
}
