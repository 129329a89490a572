import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, RouteOptions } from 'fastify'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const DESCRIPTIONS: Record<number, string> = {
  400: '请求内容不符合要求（VALIDATION_FAILED、BAD_JSON）',
  401: '未登录、登录已过期或凭证不正确',
  403: '没有权限进行此操作',
  404: '找不到要访问的内容',
  409: '与当前状态冲突（例如已被他人处理）',
  413: '内容太大',
  415: '不支持的内容类型',
  422: '不符合业务规则',
  429: '操作太频繁',
  502: '上游服务（如微信）暂时不可用',
}

/** The document at /api/docs/json and its viewer at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '邻里通 API', version: '1.0.0', description: '小区公告、业主表决、报修、垃圾分类。错误格式：{ "error": { "code", "message" } }。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Shared schemas keep their own name in the document (`#/components/schemas/Error`), so clients can refer to them.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs' })
}

export interface ErrorDocs {
  /** `$id` of the error body this scope answers with. */
  schemaId: string
  /** Statuses every route of the scope can answer. */
  always?: number[]
  /** Statuses every write of the scope can answer. */
  writes?: number[]
}

/**
 * The error answers a route can give follow from what it does, so they are derived here rather than listed in every
 * route: 429 everywhere (the global rate limit), 400 when it validates input, 404 for a path naming a resource,
 * 413/415 when it reads a body, and for routes behind the bearer token 401/403, plus 409/422 when they write.
 * A route adds what only it knows (e.g. the 401 of a wrong password) in its own `response`.
 */
export function errorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'schema'>, docs: ErrorDocs): number[] {
  const s = route.schema ?? {}
  const write = [route.method].flat().some((m) => WRITES.has(m))
  const authenticated = !(Array.isArray(s.security) && s.security.length === 0)
  const out = new Set([429, ...(docs.always ?? [])])
  if (s.body || s.querystring || s.params || s.headers) out.add(400)
  if (s.params || route.url.includes(':')) out.add(404)
  if (s.body || s.consumes) [413, 415].forEach((x) => out.add(x))
  if (write) docs.writes?.forEach((x) => out.add(x))
  if (authenticated) [401, 403, ...(write ? [409, 422] : [])].forEach((x) => out.add(x))
  return [...out].sort((a, b) => a - b)
}

/** Adds the derived error answers to every route registered in `scope` from now on, all pointing at one schema. */
export function documentErrors(scope: FastifyInstance, docs: ErrorDocs): void {
  scope.addHook('onRoute', (route) => {
    const schema = route.schema ?? {}
    if (schema.hide) return
    const declared = (schema.response ?? {}) as Record<string, unknown>
    const statuses = new Set([...errorStatuses(route, docs), ...Object.keys(declared).map(Number).filter((n) => n >= 400)])
    // A route without a declared success answer would otherwise be documented with errors only.
    const response: Record<string, unknown> = Object.keys(declared).some((k) => Number(k) < 400) ? { ...declared } : { 200: { description: '成功' }, ...declared }
    // Named per media type: a route that answers CSV or an image still answers its errors in JSON.
    const body = { content: { 'application/json': { schema: { $ref: `${docs.schemaId}#` } } } }
    for (const status of statuses) response[status] = { description: DESCRIPTIONS[status] ?? '错误', ...body }
    route.schema = { ...schema, response }
  })
}
