import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema, OkSchema } from '../../../types/schemas/common'
import { MessageListQuerySchema, MessageListSchema, NotificationPreferencesSchema, PutNotificationPreferencesSchema, WechatTemplatesSchema } from '../../../types/schemas/messages'
import { UnreadCountSchema } from '../../../types/schemas/notices'
import type { Deps } from '../../context'
import { requireActor } from '../../plugins/auth'
import * as service from './service'

const tags = ['messages']

export const messageRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/messages', { schema: { tags, querystring: MessageListQuerySchema, response: { 200: MessageListSchema } } }, async (req) =>
    service.listMessages(deps, await requireActor(deps, req), req.query),
  )
  app.get('/messages/wechat-templates', { schema: { tags, security: [], response: { 200: WechatTemplatesSchema } } }, async () => service.wechatTemplates(deps))
  app.get('/messages/unread-count', { schema: { tags, response: { 200: UnreadCountSchema } } }, async (req) => service.unreadCount(deps, await requireActor(deps, req)))
  app.post('/messages/:id/read', { schema: { tags, params: IdParamsSchema, response: { 200: OkSchema } } }, async (req) =>
    service.markRead(deps, await requireActor(deps, req), req.params.id),
  )
  app.post('/messages/read-all', { schema: { tags, response: { 200: OkSchema } } }, async (req) => service.markAllRead(deps, await requireActor(deps, req)))
  app.get('/me/notification-preferences', { schema: { tags, response: { 200: NotificationPreferencesSchema } } }, async (req) =>
    service.getPreferences(deps, await requireActor(deps, req)),
  )
  app.put('/me/notification-preferences', { schema: { tags, body: PutNotificationPreferencesSchema, response: { 200: NotificationPreferencesSchema } } }, async (req) =>
    service.putPreferences(deps, await requireActor(deps, req), req.body.items),
  )
}
