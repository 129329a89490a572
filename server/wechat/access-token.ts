import { sql } from 'kysely'
import type { WechatConfig } from '../config'
import type { Db, Engine } from '../db'

const SETTING = 'wechat_access_token'
/** Serialises refreshes across instances on PostgreSQL (an arbitrary constant, the same for every instance). */
const REFRESH_LOCK = 8_480_001
const TIMEOUT_MS = 5000

interface Stored {
  token: string
  /** Epoch ms after which the token is no longer used (a little before WeChat's expiry). */
  useUntil: number
}

/** WeChat answered, but not with a token; or it could not be reached. The caller retries later. */
export class WechatTokenError extends Error {}

/**
 * Keeps the access token of `GET /cgi-bin/token` (client_credential). Each fetch of that endpoint makes WeChat retire
 * the previous token within minutes, so every instance must use one shared token: it is stored in the settings table,
 * and on PostgreSQL a refresh holds an advisory lock so instances do not take turns invalidating each other's token.
 * Within an instance, concurrent callers share one in-flight load.
 */
export class AccessTokenKeeper {
  private cached: Stored | null = null
  private inflight: Promise<string> | null = null

  constructor(
    private readonly wx: WechatConfig,
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  /** A token usable at `now` (epoch ms; a parameter so tests can move time). */
  async get(now = Date.now()): Promise<string> {
    if (this.cached && this.cached.useUntil > now) return this.cached.token
    return this.once(() => this.load(now, null))
  }

  /** A token other than `rejected`, which WeChat just called invalid or expired (40001/42001). */
  async replace(rejected: string, now = Date.now()): Promise<string> {
    if (this.cached && this.cached.token !== rejected && this.cached.useUntil > now) return this.cached.token
    return this.once(() => this.load(now, rejected))
  }

  private once(load: () => Promise<string>): Promise<string> {
    this.inflight ??= load().finally(() => (this.inflight = null))
    return this.inflight
  }

  private async load(now: number, rejected: string | null): Promise<string> {
    const usable = (s: Stored | null): s is Stored => s !== null && s.useUntil > now && s.token !== rejected
    const stored = await this.read(this.db)
    if (usable(stored)) return this.keep(stored)
    if (this.engine === 'sqlite') return this.keep(await this.fetchAndStore(this.db, now))
    return this.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(tx)
      // Another instance may have refreshed while this one waited for the lock.
      const again = await this.read(tx)
      return this.keep(usable(again) ? again : await this.fetchAndStore(tx, now))
    })
  }

  private keep(s: Stored): string {
    this.cached = s
    return s.token
  }

  private async read(db: Pick<Db, 'selectFrom'>): Promise<Stored | null> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst()
    if (!row) return null
    try {
      const s = JSON.parse(row.value) as Stored
      return typeof s.token === 'string' && typeof s.useUntil === 'number' ? s : null
    } catch {
      return null
    }
  }

  private async fetchAndStore(db: Pick<Db, 'insertInto'>, now: number): Promise<Stored> {
    const url = new URL(`${this.wx.apiBase}/cgi-bin/token`)
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.wx.appId, secret: this.wx.secret }).toString()
    let body: { access_token?: unknown; expires_in?: unknown; errcode?: number; errmsg?: string }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      body = (await res.json()) as typeof body
    } catch (err) {
      // The URL carries the secret: say what happened, never where.
      throw new WechatTokenError(`access token: WeChat unreachable (${err instanceof Error ? err.name : 'error'})`)
    }
    if (typeof body.access_token !== 'string' || !body.access_token) throw new WechatTokenError(`access token: errcode ${String(body.errcode)} ${String(body.errmsg ?? '')}`.trim())
    const lifetime = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 7200) * 1000
    // Stop using it a little early (5 minutes, or a tenth of a short lifetime), so no request carries it past expiry.
    const stored: Stored = { token: body.access_token, useUntil: now + lifetime - Math.min(300_000, lifetime / 10) }
    const value = JSON.stringify(stored)
    await db
      .insertInto('settings')
      .values({ key: SETTING, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
    return stored
  }
}
