import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponses, OkSchema } from '../../../types/schemas/common'
import {
  BindSchema,
  BuildingListSchema,
  DemoLoginSchema,
  MeSchema,
  MetaSchema,
  PasswordLoginSchema,
  PatchMeSchema,
  RegisterSchema,
  SessionSchema,
  WechatLoginSchema,
} from '../../../types/schemas/identity'
import { PERSONAS } from '../../../types/identity'
import type { Deps } from '../../context'
import { bearerToken, requireActor } from '../../plugins/auth'
import * as service from './service'

const tags = ['identity']
/** Login and bind answer 429 by themselves (per phone, per user, per IP); this is the coarse per-IP cap on top. */
const authRateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } }

export const identityRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/meta', { schema: { tags, security: [], response: { 200: MetaSchema } } }, async () => ({
    demo: deps.config.demo,
    wechat: deps.config.wechat !== null,
    personas: deps.config.demo ? [...PERSONAS] : [],
  }))

  app.post('/auth/demo', { schema: { tags, security: [], body: DemoLoginSchema, response: { 200: SessionSchema, ...ErrorResponses(404) } } }, async (req) => service.demoLogin(deps, req.body.persona))

  app.post('/auth/wechat', { config: authRateLimit, schema: { tags, security: [], body: WechatLoginSchema, response: { 200: SessionSchema, ...ErrorResponses(401, 404, 502) } } }, async (req) =>
    service.wechatLogin(deps, req.body.code),
  )

  app.post('/auth/login', { config: authRateLimit, schema: { tags, security: [], body: PasswordLoginSchema, response: { 200: SessionSchema, ...ErrorResponses(401) } } }, async (req) =>
    service.passwordLogin(deps, req.body.phone, req.body.password, req.ip),
  )

  app.post('/auth/register', { config: authRateLimit, schema: { tags, security: [], body: RegisterSchema, response: { 201: SessionSchema, ...ErrorResponses(409, 422) } } }, async (req, reply) => {
    const session = await service.register(deps, req.body, req.ip)
    return reply.status(201).send(session)
  })

  app.post('/auth/logout', { schema: { tags, response: { 200: OkSchema } } }, async (req) => {
    await requireActor(deps, req)
    await service.logout(deps, bearerToken(req)!)
    return { ok: true as const }
  })

  app.get('/me', { schema: { tags, response: { 200: MeSchema } } }, async (req) => {
    const actor = await requireActor(deps, req)
    return service.getMe(deps, actor.userId)
  })

  app.patch('/me', { schema: { tags, body: PatchMeSchema, response: { 200: MeSchema } } }, async (req) => {
    const actor = await requireActor(deps, req)
    return service.patchMe(deps, actor, req.body)
  })

  app.get('/community/buildings', { schema: { tags, response: { 200: BuildingListSchema } } }, async (req) =>
    service.communityBuildings(deps, await requireActor(deps, req)),
  )

  app.post('/households/bind', { config: authRateLimit, schema: { tags, body: BindSchema, response: { 200: MeSchema } } }, async (req) => {
    const actor = await requireActor(deps, req)
    return service.bindHousehold(deps, actor, req.body.inviteCode, req.body.relation, req.ip)
  })
}
