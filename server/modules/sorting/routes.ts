import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CreatedItemSchema,
  CreateItemSchema,
  CreateMissSchema,
  DatasetQuerySchema,
  DatasetSchema,
  MissListQuerySchema,
  MissListSchema,
  MissRecordedSchema,
  PutScheduleSchema,
  ScheduleSchema,
  SearchQuerySchema,
  SearchResultSchema,
} from '../../../types/schemas/sorting'
import { ErrorResponses } from '../../../types/schemas/common'
import type { Deps } from '../../context'
import { optionalActor, requireActor } from '../../plugins/auth'
import * as service from './service'

const tags = ['sorting']

export const sortingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await service.syncDictionary(deps.db)

  app.get(
    '/sorting/search',
    {
      schema: {
        tags,
        description: '按汉字、全拼（xigua）或首字母（xg）查询物品分类，最多 20 条。无需登录；登录后默认按所在小区的城市规则显示分类名称。',
        security: [],
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...ErrorResponses(401) },
      },
    },
    async (req) => service.search(deps, await optionalActor(deps, req), req.query.q, req.query.city),
  )

  app.get(
    '/sorting/dataset',
    {
      schema: {
        tags,
        description: '整本分类词典（离线查询用）。带 ETag：If-None-Match 相同时返回 304。',
        security: [],
        querystring: DatasetQuerySchema,
        response: { 200: DatasetSchema, 304: Type.Null({ description: '词典没有变化' }), ...ErrorResponses(401) },
      },
    },
    async (req, reply) => {
      const { etag, body } = await service.dataset(deps, await optionalActor(deps, req), req.query.city)
      reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'Authorization')
      const ifNoneMatch = req.headers['if-none-match']
      if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.status(304).send(null)
      return body
    },
  )

  app.get('/sorting/schedule', { schema: { tags, description: '本小区定时定点投放的时间和地点', response: { 200: ScheduleSchema } } }, async (req) =>
    service.getSchedule(deps, await requireActor(deps, req)),
  )

  app.put('/sorting/schedule', { schema: { tags, description: '物业设置本小区的投放时间和地点', body: PutScheduleSchema, response: { 200: ScheduleSchema } } }, async (req) =>
    service.putSchedule(deps, await requireActor(deps, req), req.body),
  )

  app.post('/sorting/misses', { schema: { tags, description: '“没找到？告诉物业”：记录一次没有结果的查询', body: CreateMissSchema, response: { 201: MissRecordedSchema } } }, async (req, reply) => {
    const result = await service.recordMiss(deps, await requireActor(deps, req), req.ip, req.body.q)
    return reply.status(201).send(result)
  })

  app.get('/sorting/misses', { schema: { tags, description: '物业查看本小区查不到的物品，次数多的在前', querystring: MissListQuerySchema, response: { 200: MissListSchema } } }, async (req) =>
    service.listMisses(deps, await requireActor(deps, req), req.query),
  )

  app.post('/sorting/items', { schema: { tags, description: '物业为本小区补充词典条目，之后即可查到', body: CreateItemSchema, response: { 201: CreatedItemSchema } } }, async (req, reply) => {
    const item = await service.addItem(deps, await requireActor(deps, req), req.body)
    return reply.status(201).send(item)
  })
}
