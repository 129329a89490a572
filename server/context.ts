import type { Config } from './config'
import type { Db, Engine } from './db'

/** What services need from the outside world; built once in buildApp and passed down. */
export interface Deps {
  db: Db
  engine: Engine
  config: Config
  /** Signs image URLs; shared by all instances on one database (see secret.ts). */
  secret: string
}
