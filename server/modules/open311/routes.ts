import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchema } from 'fastify'
import { CreateOpen311KeySchema, Open311KeySchema } from '../../../types/schemas/repairs'
import { Open311CodeParamsSchema, Open311IdParamsSchema, Open311JurisdictionQuerySchema, Open311PostSchema, Open311RequestsQuerySchema } from '../../../types/schemas/open311'
import type { Deps } from '../../context'
import { AppError } from '../../errors'
import { requireActor } from '../../plugins/auth'
import * as service from './service'
import { extensionOf, formatOf, FORMATS, MEDIA_TYPES, toXml, XML_CONTENT_TYPE, type XmlRoot } from './xml'

const tags = ['open311']

/**
 * Open311 GeoReport v2 at /open311/v2, every endpoint as `.xml` and `.json`; errors are the specification's list of
 * {code, description}.
 */
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
    return sendErrors(request.url, reply.status(status), [{ code: status, description }])
  })
  app.setNotFoundHandler((req, reply) => {
    const ext = extensionOf(req.url)
    const description = ext && !(FORMATS as readonly string[]).includes(ext) ? `unknown format ".${ext}": use .xml or .json` : 'not found'
    return sendErrors(req.url, reply.status(404), [{ code: 404, description }])
  })

  // Errors of an XML route are XML too, so its documented error answers are moved to that media type.
  app.addHook('onRoute', (route) => {
    if (formatOf(route.url) !== 'xml' || !route.schema?.response) return
    const response = route.schema.response as Record<string, { content?: Record<string, unknown> }>
    for (const [status, answer] of Object.entries(response)) {
      if (Number(status) >= 400 && answer.content?.[MEDIA_TYPES.json]) answer.content = { [MEDIA_TYPES.xml]: answer.content[MEDIA_TYPES.json] }
    }
  })

  for (const format of FORMATS) {
    /** Schema and hooks of one route in one format; the handler returns the same object either way. */
    const as = <S extends FastifySchema>(root: XmlRoot, schema: S) => ({
      schema: { ...schema, tags, produces: [MEDIA_TYPES[format]] },
      ...(format === 'xml' ? { onRequest: async (_req: FastifyRequest, reply: FastifyReply) => void asXml(reply, root) } : {}),
    })

    app.get(`/discovery.${format}`, as('discovery', { security: [] }), async (req) => service.discovery(`${req.protocol}://${req.host}/open311/v2`))

    app.get(`/services.${format}`, as('services', { security: [], querystring: Open311JurisdictionQuerySchema }), async (req) => {
      await service.jurisdiction(deps, req.query.jurisdiction_id)
      return service.services()
    })

    app.get(`/services/:code.${format}`, as('service_definition', { security: [], params: Open311CodeParamsSchema, querystring: Open311JurisdictionQuerySchema }), async (req) => {
      await service.jurisdiction(deps, req.query.jurisdiction_id)
      return service.serviceDefinition(req.params.code)
    })

    app.get(`/requests.${format}`, as('service_requests', { security: [], querystring: Open311RequestsQuerySchema }), async (req) => service.listRequests(deps, req.query))

    app.get(`/requests/:id.${format}`, as('service_requests', { security: [], params: Open311IdParamsSchema, querystring: Open311JurisdictionQuerySchema }), async (req) =>
      service.getRequest(deps, req.query.jurisdiction_id, req.params.id),
    )

    app.post(
      `/requests.${format}`,
      as('service_requests', { description: 'api_key 在表单字段中（GeoReport v2），不用 bearer token', security: [], consumes: ['application/x-www-form-urlencoded'], body: Open311PostSchema }),
      async (req) => service.postRequest(deps, req.body),
    )
  }
}

/** The reply renders whatever object it is sent as XML under `root`. */
const asXml = (reply: FastifyReply, root: XmlRoot) => reply.type(XML_CONTENT_TYPE).serializer((payload) => toXml(root, payload))

/** The specification's error list, in the format the URL asked for (JSON when it named none we know). */
function sendErrors(url: string, reply: FastifyReply, errors: { code: number; description: string }[]) {
  return (formatOf(url) === 'xml' ? asXml(reply, 'errors') : reply).send(errors)
}

/** The admin side: issuing a key (under /api/v1). */
export const open311AdminRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/admin/open311-keys', { schema: { tags: ['admin'], description: '为本小区签发 Open311 api_key（只显示一次）', body: CreateOpen311KeySchema, response: { 201: Open311KeySchema } } }, async (req, reply) =>
    reply.status(201).send(await service.issueKey(deps, await requireActor(deps, req), req.body.label)),
  )
}
