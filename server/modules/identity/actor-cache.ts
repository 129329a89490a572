import type { Actor } from '../../authz'

/**
 * Loading who is asking takes three queries; most requests of one person come in bursts. Each instance keeps an
 * actor for a couple of seconds. A change made through this instance (bind, settings, roles, logout) drops the
 * entries at once; other instances behind a load balancer see it within TTL_MS.
 */
export const TTL_MS = 2000
const MAX_ENTRIES = 10_000

const byToken = new Map<string, { actor: Actor; until: number }>()

export function cachedActor(tokenHash: string, now: number): Actor | null {
  const hit = byToken.get(tokenHash)
  if (!hit) return null
  if (hit.until <= now) {
    byToken.delete(tokenHash)
    return null
  }
  return hit.actor
}

export function rememberActor(tokenHash: string, actor: Actor, sessionExpiresAt: string, now: number): void {
  if (byToken.size >= MAX_ENTRIES) byToken.delete(byToken.keys().next().value as string)
  byToken.set(tokenHash, { actor, until: Math.min(now + TTL_MS, Date.parse(sessionExpiresAt)) })
}

export function forgetToken(tokenHash: string): void {
  byToken.delete(tokenHash)
}

/** Drops every cached session of a person whose memberships, roles or settings just changed. */
export function forgetUser(userId: number): void {
  for (const [key, entry] of byToken) if (entry.actor.userId === userId) byToken.delete(key)
}
