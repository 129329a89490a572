import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import { CreateOpen311KeySchema, Open311KeySchema } from '../../../types/schemas/repairs'
import { Open311CodeParamsSchema, Open311IdParamsSchema, Open311JurisdictionQuerySchema, Open311PostSchema, Open311RequestsQuerySchema } from '../../../types/schemas/open311'
import type { Deps } from '../../context'
import { AppError } from '../../errors'
import { requireActor } from '../../plugins/auth'
import * as service from './service'

const tags = ['open311']

/** Open311 GeoReport v2 at /open311/v2; errors are the specification's array of {code, description}. */
export const open311Routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // Form posts are read only here: the rest of the API keeps refusing non-JSON bodies, and GeoReport v2 takes forms only.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const fields: Record<string, string> = {}
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in fields)) fields[k] = v
    done(null, fields)
  })

  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = err instanceof AppError ? err.statusCode : err.validation ? 400 : (err.statusCode ?? 500)
    let description = err instanceof AppError ? err.message : err.validation ? `${err.validationContext ?? 'request'}${err.validation[0]?.instancePath ?? ''} ${err.validation[0]?.message ?? 'is invalid'}` : err.message
    if (status >= 500) {
      request.log.error({ err }, 'unhandled error')
      status = 500
      description = 'internal error'
    }
    return reply.status(status).send([{ code: status, description }])
  })
  app.setNotFoundHandler((_req, reply) => reply.status(404).send([{ code: 404, description: 'not found' }]))

  app.get('/discovery.json', { schema: { tags, security: [] } }, async (req) => {
    const base = `${req.protocol}://${req.host}/open311/v2`
    return {
      changeset: '2026-11-25T00:00:00+08:00',
      contact: '请联系所在小区物业（物业电话见邻里通小程序）',
      key_service: '由小区管理员在邻里通后台签发 api_key（POST /api/v1/admin/open311-keys）',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: '2026-11-25T00:00:00+08:00', type: 'production', formats: ['application/json'] }],
    }
  })

  app.get('/services.json', { schema: { tags, security: [], querystring: Open311JurisdictionQuerySchema } }, async (req) => {
    await service.jurisdiction(deps, req.query.jurisdiction_id)
    return service.services()
  })

  app.get('/services/:code.json', { schema: { tags, security: [], params: Open311CodeParamsSchema, querystring: Open311JurisdictionQuerySchema } }, async (req) => {
    await service.jurisdiction(deps, req.query.jurisdiction_id)
    return service.serviceDefinition(req.params.code)
  })

  app.get('/requests.json', { schema: { tags, security: [], querystring: Open311RequestsQuerySchema } }, async (req) => service.listRequests(deps, req.query))

  app.get('/requests/:id.json', { schema: { tags, security: [], params: Open311IdParamsSchema, querystring: Open311JurisdictionQuerySchema } }, async (req) =>
    service.getRequest(deps, req.query.jurisdiction_id, req.params.id),
  )

  app.post('/requests.json', { schema: { tags, description: 'api_key 在表单字段中（GeoReport v2），不用 bearer token', security: [], consumes: ['application/x-www-form-urlencoded'], body: Open311PostSchema } }, async (req) => service.postRequest(deps, req.body))
}

/** The admin side: issuing a key (under /api/v1). */
export const open311AdminRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/admin/open311-keys', { schema: { tags: ['admin'], description: '为本小区签发 Open311 api_key（只显示一次）', body: CreateOpen311KeySchema, response: { 201: Open311KeySchema } } }, async (req, reply) =>
    reply.status(201).send(await service.issueKey(deps, await requireActor(deps, req), req.body.label)),
  )
}
