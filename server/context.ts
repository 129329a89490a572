import type { Config } from './config'
import type { Db, Engine } from './db'
import type { WechatApi } from './wechat/subscribe'

/** What services need from the outside world; built once in buildApp and passed down. */
export interface Deps {
  db: Db
  engine: Engine
  config: Config
  /** Signs image URLs; shared by all instances on one database (see secret.ts). */
  secret: string
  /** WeChat's server API (access token, subscribe messages); null when WeChat is not configured. */
  wechat: WechatApi | null
  /** Resolves once every committed write is on disk (the HTTP layer waits for it before answering a write). */
  durable: () => Promise<void>
  /** The time now. Every rule that depends on time reads it here, so a test can move the clock instead of waiting. */
  now: () => Date
}
