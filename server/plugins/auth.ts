import type { FastifyRequest } from 'fastify'
import type { Actor } from '../authz'
import type { Deps } from '../context'
import { sha256 } from '../crypto'
import { AppError } from '../errors'
import { actorFromToken } from '../modules/identity/service'

declare module 'fastify' {
  interface FastifyRequest {
    actorCache?: Promise<Actor>
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header)
  return m ? m[1]! : null
}

/** The signed-in person, loaded once per request; 401 when there is no valid session. */
export function requireActor(deps: Deps, request: FastifyRequest): Promise<Actor> {
  request.actorCache ??= (async () => {
    const token = bearerToken(request)
    if (!token) throw new AppError(401, 'UNAUTHENTICATED')
    const actor = await actorFromToken(deps, token)
    if (!actor) throw new AppError(401, 'SESSION_EXPIRED')
    return actor
  })()
  return request.actorCache
}

/**
 * The hash of the request's bearer token, for a route that checks the session itself where it writes (ballots,
 * checked in their batch); 401 without a well-formed token.
 */
export function requireTokenHash(request: FastifyRequest): string {
  const token = bearerToken(request)
  if (!token) throw new AppError(401, 'UNAUTHENTICATED')
  return sha256(token)
}

/** Like requireActor, but anonymous callers get null instead of a 401 (for endpoints that work without login). */
export async function optionalActor(deps: Deps, request: FastifyRequest): Promise<Actor | null> {
  if (!request.headers.authorization) return null
  return requireActor(deps, request)
}
