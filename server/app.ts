import fs from 'node:fs'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { ErrorSchema } from '../types/schemas/common'
import { Open311ErrorSchema } from '../types/schemas/open311'
import type { Config } from './config'
import type { Deps } from './context'
import { openDatabase } from './db'
import { AppError } from './errors'
import { migrateToLatest } from './db/migrate'
import { seedDemo } from './db/seed'
import { adminRoutes } from './modules/admin/routes'
import { identityRoutes } from './modules/identity/routes'
import { startDelivery } from './modules/messages/delivery'
import { messageRoutes } from './modules/messages/routes'
import { startWechatDelivery } from './modules/messages/wechat-delivery'
import { noticeRoutes } from './modules/notices/routes'
import { open311AdminRoutes, open311Routes } from './modules/open311/routes'
import { startPollJobs } from './modules/polls/jobs'
import { pollRoutes } from './modules/polls/routes'
import { startRepairJobs } from './modules/repairs/jobs'
import { repairRoutes } from './modules/repairs/routes'
import { uploadRoutes } from './modules/uploads/routes'
import { sortingRoutes } from './modules/sorting/routes'
import { bearerToken } from './plugins/auth'
import { registerErrorHandler } from './plugins/errors'
import { documentErrors, registerOpenApi } from './plugins/openapi'
import { securityHeaders } from './plugins/security-headers'
import { loadAppSecret } from './secret'
import { WechatApi } from './wechat/subscribe'

export interface BuildOptions {
  /** Fastify's logger; off in tests. */
  logger?: boolean
  /** The clock every service reads (`deps.now`); tests pass one they can move. Default: the system clock. */
  now?: () => Date
}

/** The whole server: opens and migrates the database, seeds the demo compounds when asked, registers every route. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  // Until the app (and its logger) exists, such an event is dropped.
  let onBackgroundError: (err: Error) => void = () => undefined
  const handle = openDatabase(config.databaseUrl, (err) => onBackgroundError(err))
  await migrateToLatest(handle)
  if (config.demo) await seedDemo(handle.db)
  const secret = await loadAppSecret(handle.db)
  const wechat = config.wechat ? new WechatApi(config.wechat, handle.db, handle.engine) : null
  const deps: Deps = { db: handle.db, engine: handle.engine, config, secret, wechat, durable: () => handle.durable(), now: options.now ?? (() => new Date()) }

  const app = Fastify({
    logger: options.logger ? { level: config.logLevel } : false,
    bodyLimit: 256 * 1024,
    trustProxy: false,
    // Errors the router raises before any route runs (a malformed URL, an over-long path parameter) use the same format.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      return reply.status(tooLong ? 414 : 400).send({ error: { code: tooLong ? 'NOT_FOUND' : 'VALIDATION_FAILED', message: tooLong ? '地址太长' : '地址格式不正确' } })
    },
  }).withTypeProvider<TypeBoxTypeProvider>()
  onBackgroundError = (err) => app.log.warn({ err }, 'database, outside a request')

  // Unknown fields are an error, not something to drop silently. Query strings and paths arrive as text and are
  // coerced to their schema's types; JSON bodies are not ({careMode: null} is a 400, not `false`).
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const
  const bodyAjv = new Ajv({ ...ajvOptions, coerceTypes: false })
  const textAjv = new Ajv({ ...ajvOptions, coerceTypes: 'array' })
  addFormats(bodyAjv)
  addFormats(textAjv)
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema))

  // The API reads JSON (and CSV or multipart where a route says so). Fastify also parses text/plain by default, which
  // would let a cross-site form post reach JSON routes without a CORS preflight; such bodies are 415 instead.
  app.removeContentTypeParser('text/plain')

  // PostgreSQL text cannot hold U+0000; no field of ours needs it, so it is refused the same way on both engines.
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.query) || hasNul(request.params) || hasNul(request.body)) throw new AppError(400, 'VALIDATION_FAILED', '内容包含无效字符')
  })

  app.decorate('deps', deps)
  // A write is acknowledged only once it is on disk (see db/wal-sync.ts); requests that wrote nothing pass at once.
  app.addHook('onSend', async (_request, _reply, payload) => {
    await handle.durable().catch((err: unknown) => {
      app.log.error({ err }, 'the write-ahead log could not be synced')
      throw new AppError(503, 'STORAGE_UNAVAILABLE')
    })
    return payload
  })
  app.addHook('onClose', async () => handle.close())
  registerErrorHandler(app)
  app.addSchema(ErrorSchema)
  app.addSchema(Open311ErrorSchema)

  await securityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(rateLimit, {
    max: config.rateLimitMax,
    timeWindow: '1 minute',
    // A signed-in person is limited per session; anonymous callers per IP.
    keyGenerator: (req) => bearerToken(req) ?? req.ip,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'RATE_LIMITED', message: `操作太频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` }),
  })
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 2, parts: 3, fieldSize: 1024, headerPairs: 100 } })
  await registerOpenApi(app)

  app.get('/healthz', { schema: { hide: true, security: [] } }, async () => {
    await handle.db.selectFrom('communities').select('id').limit(1).execute()
    return { ok: true, engine: handle.engine }
  })

  await app.register(
    async (api) => {
      documentErrors(api, { schemaId: 'Error' })
      await api.register(identityRoutes, { deps })
      await api.register(adminRoutes, { deps })
      await api.register(uploadRoutes, { deps })
      await api.register(noticeRoutes, { deps })
      await api.register(messageRoutes, { deps })
      await api.register(pollRoutes, { deps })
      await api.register(repairRoutes, { deps })
      await api.register(open311AdminRoutes, { deps })
      await api.register(sortingRoutes, { deps })
    },
    { prefix: '/api/v1' },
  )
  await app.register(
    async (open311) => {
      // Every GeoReport call names a jurisdiction that may not exist; a write also needs a valid api_key.
      documentErrors(open311, { schemaId: 'Open311Error', always: [404], writes: [403] })
      await open311.register(open311Routes, { deps })
    },
    { prefix: '/open311/v2' },
  )
  if (config.backgroundJobs) {
    startRepairJobs(app, deps)
    startDelivery(app, deps)
    startWechatDelivery(app, deps)
    startPollJobs(app, deps)
  }

  if (fs.existsSync(config.h5Dir)) {
    await app.register(fastifyStatic, { root: config.h5Dir, prefix: '/', index: 'index.html', wildcard: false, maxAge: 0 })
  }
  return app
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (depth > 8 || value === null || typeof value !== 'object') return false
  if (Buffer.isBuffer(value)) return false
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1))
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps
  }
}
