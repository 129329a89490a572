import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AdminHouseholdListSchema, CreateInvitesSchema, ImportResultSchema, InviteListSchema, MemberListSchema, PutRoleSchema } from '../../../types/schemas/admin'
import { OkSchema } from '../../../types/schemas/common'
import type { Deps } from '../../context'
import { requireActor } from '../../plugins/auth'
import * as service from './service'

const tags = ['admin']

export const adminRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body))

  app.post(
    '/admin/households/import',
    {
      schema: {
        tags,
        description: 'CSV（Content-Type: text/csv）：楼栋,单元,房号,面积,业主姓名,手机号[,业主编号]。任何一行有错则整体不导入，错误逐行列出。',
        body: Type.String({ minLength: 1, maxLength: 5 * 1024 * 1024 }),
        response: { 200: ImportResultSchema },
      },
    },
    async (req) => service.importHouseholds(deps, await requireActor(deps, req), req.body),
  )

  app.get('/admin/households', { schema: { tags, response: { 200: AdminHouseholdListSchema } } }, async (req) =>
    service.listHouseholds(deps, await requireActor(deps, req)),
  )

  app.post('/admin/invites', { schema: { tags, body: CreateInvitesSchema, response: { 201: InviteListSchema } } }, async (req, reply) => {
    const result = await service.issueInvites(deps, await requireActor(deps, req), req.body.householdIds, req.body.validDays)
    return reply.status(201).send(result)
  })

  app.put('/admin/roles', { schema: { tags, body: PutRoleSchema, response: { 200: OkSchema } } }, async (req) =>
    service.putRole(deps, await requireActor(deps, req), req.body),
  )

  app.get('/admin/members', { schema: { tags, response: { 200: MemberListSchema } } }, async (req) => service.listMembers(deps, await requireActor(deps, req)))
}
