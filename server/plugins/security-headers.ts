import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import Fastify, { type FastifyInstance } from 'fastify'

/** The headers of a reply from `probe` to GET /. */
async function probeHeaders(setup: (probe: FastifyInstance) => Promise<void>): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false })
  await setup(probe)
  probe.get('/', async () => 'x')
  const res = await probe.inject('/')
  await probe.close()
  return Object.fromEntries(Object.entries(res.headers).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

/**
 * Helmet's security headers on every reply, computed once. @fastify/helmet builds helmet's middleware anew for each
 * request (parsing the CSP directives each time), which costs about as much as a bare route's whole reply; the
 * headers depend only on the options, so they are taken once from a throwaway instance that registers the plugin
 * with them — the headers it adds to a plain reply — and then set as they are.
 */
export async function securityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const plain = await probeHeaders(async () => undefined)
  const secured = await probeHeaders(async (probe) => {
    await probe.register(fastifyHelmet, options)
  })
  const headers = Object.fromEntries(Object.entries(secured).filter(([name, value]) => plain[name] !== value))
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}
