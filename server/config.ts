import path from 'node:path'
import { NOTIFICATION_KINDS, type NotificationKind } from '../types/messages'
import { DEFAULT_FIELDS, fieldProblem, type FieldSource, type WechatTemplate } from './wechat/template-data'

export interface Config {
  port: number
  host: string
  /** `sqlite:PATH` or `postgres://…` */
  databaseUrl: string
  dataDir: string
  /** Seeds the demo compounds into an empty database and enables demo login. */
  demo: boolean
  wechat: WechatConfig | null
  /** Built H5 app served at `/`; absent folder → API only. */
  h5Dir: string
  logLevel: string
  /** Requests per minute per client before 429, for the whole API. */
  rateLimitMax: number
  sessionDays: number
  /** Timers for outbox delivery and housekeeping; off only where a test drives them by hand. */
  backgroundJobs: boolean
}

export const MINIPROGRAM_STATES = ['formal', 'trial', 'developer'] as const

export interface WechatConfig {
  appId: string
  secret: string
  apiBase: string
  /** Subscribe-message templates by notification kind; a kind without one is not sent through WeChat. */
  templates: Partial<Record<NotificationKind, WechatTemplate>>
  /** Which version of the mini-program a subscribe message opens. */
  miniprogramState: (typeof MINIPROGRAM_STATES)[number]
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
  const templates = wechatTemplates(env.WECHAT_TEMPLATES)
  if (Object.keys(templates).length > 0 && !appId) throw new ConfigError('WECHAT_TEMPLATES needs WECHAT_APPID and WECHAT_SECRET')
  const state = env.WECHAT_MINIPROGRAM_STATE || 'formal'
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(state)) throw new ConfigError(`WECHAT_MINIPROGRAM_STATE must be one of ${MINIPROGRAM_STATES.join(', ')}, got "${state}"`)
  return {
    port: intVar(env, 'PORT', defaults.port ?? 3000, 0, 65535),
    host: env.HOST || defaults.host || '127.0.0.1',
    databaseUrl,
    dataDir,
    demo: boolVar(env, 'DEMO', defaults.demo ?? false),
    wechat: appId ? { appId, secret, apiBase: apiBase.replace(/\/$/, ''), templates, miniprogramState: state as WechatConfig['miniprogramState'] } : null,
    h5Dir: path.resolve(env.H5_DIR || defaults.h5Dir || './dist/h5'),
    logLevel: env.LOG_LEVEL || defaults.logLevel || 'info',
    rateLimitMax: intVar(env, 'RATE_LIMIT_MAX', defaults.rateLimitMax ?? 1200, 1, 10_000_000),
    sessionDays: intVar(env, 'SESSION_DAYS', defaults.sessionDays ?? 30, 1, 365),
    backgroundJobs: boolVar(env, 'BACKGROUND_JOBS', defaults.backgroundJobs ?? true),
  }
}

/**
 * WECHAT_TEMPLATES is a JSON object from notification kind to a template id, or to `{id, fields}` when the template's
 * fields are not the usual thing1/thing2/time3 (title/body/time), e.g.
 * `{"repair.status": "tplA", "poll.closing": {"id": "tplB", "fields": {"thing1": "title", "time4": "time"}}}`.
 */
function wechatTemplates(raw: string | undefined): Partial<Record<NotificationKind, WechatTemplate>> {
  if (raw === undefined || raw.trim() === '') return {}
  const fail = (why: string): never => {
    throw new ConfigError(`WECHAT_TEMPLATES: ${why}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    fail('must be a JSON object from notification kind to template id')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) fail('must be a JSON object from notification kind to template id')
  const out: Partial<Record<NotificationKind, WechatTemplate>> = {}
  for (const [kind, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) fail(`unknown notification kind "${kind}" (known: ${NOTIFICATION_KINDS.join(', ')})`)
    const spec = typeof value === 'string' ? { id: value } : value
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) fail(`"${kind}" must be a template id or {"id", "fields"}`)
    const { id, fields = DEFAULT_FIELDS, ...rest } = spec as { id?: unknown; fields?: unknown }
    if (Object.keys(rest).length > 0) fail(`"${kind}" has unknown keys ${Object.keys(rest).join(', ')}`)
    if (typeof id !== 'string' || !/^[\w-]{1,128}$/.test(id)) fail(`"${kind}" needs a template id of letters, digits, _ and -`)
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) fail(`"${kind}".fields must be an object from field name to title/body/kind/time`)
    const entries = Object.entries(fields as Record<string, unknown>)
    if (entries.length === 0 || entries.length > 5) fail(`"${kind}".fields must name 1 to 5 fields`)
    for (const [name, source] of entries) {
      const problem = fieldProblem(name, source)
      if (problem) fail(`"${kind}": ${problem}`)
    }
    out[kind as NotificationKind] = { id: id as string, fields: fields as Record<string, FieldSource> }
  }
  return out
}
