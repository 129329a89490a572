import path from 'node:path'

export interface Config {
  port: number
  host: string
  /** `sqlite:PATH` or `postgres://…` */
  databaseUrl: string
  dataDir: string
  /** Seeds the demo compounds into an empty database and enables demo login. */
  demo: boolean
  wechat: { appId: string; secret: string; apiBase: string } | null
  /** Built H5 app served at `/`; absent folder → API only. */
  h5Dir: string
  logLevel: string
  /** Requests per minute per client before 429, for the whole API. */
  rateLimitMax: number
  sessionDays: number
  /** Timers for outbox delivery and housekeeping; off only where a test drives them by hand. */
  backgroundJobs: boolean
}

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  return n
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  if (/^(0|false|no|off)$/i.test(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

/** Reads and validates every environment variable once; the rest of the server only sees `Config`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.DATA_DIR || defaults.dataDir || './data')
  const databaseUrl = env.DATABASE_URL || defaults.databaseUrl || `sqlite:${path.join(dataDir, 'linli.db')}`
  if (!/^sqlite:.+/.test(databaseUrl) && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be "sqlite:PATH" or "postgres://…", got "${databaseUrl}"`)
  }
  const appId = env.WECHAT_APPID ?? ''
  const secret = env.WECHAT_SECRET ?? ''
  if (Boolean(appId) !== Boolean(secret)) throw new ConfigError('WECHAT_APPID and WECHAT_SECRET must be set together')
  const apiBase = env.WECHAT_API_BASE || 'https://api.weixin.qq.com'
  if (!/^https?:\/\/[^\s]+$/.test(apiBase)) throw new ConfigError(`WECHAT_API_BASE must be an http(s) URL, got "${apiBase}"`)
  return {
    port: intVar(env, 'PORT', defaults.port ?? 3000, 0, 65535),
    host: env.HOST || defaults.host || '127.0.0.1',
    databaseUrl,
    dataDir,
    demo: boolVar(env, 'DEMO', defaults.demo ?? false),
    wechat: appId ? { appId, secret, apiBase: apiBase.replace(/\/$/, '') } : null,
    h5Dir: path.resolve(env.H5_DIR || defaults.h5Dir || './dist/h5'),
    logLevel: env.LOG_LEVEL || defaults.logLevel || 'info',
    rateLimitMax: intVar(env, 'RATE_LIMIT_MAX', defaults.rateLimitMax ?? 1200, 1, 10_000_000),
    sessionDays: intVar(env, 'SESSION_DAYS', defaults.sessionDays ?? 30, 1, 365),
    backgroundJobs: boolVar(env, 'BACKGROUND_JOBS', defaults.backgroundJobs ?? true),
  }
}
