import type { WechatConfig } from '../config'
import type { Db, Engine } from '../db'
import { AccessTokenKeeper, WechatTokenError } from './access-token'

const TIMEOUT_MS = 5000

/** What became of one subscribe/send. */
export type SendOutcome =
  | { status: 'sent' }
  /** 43101: the person has no subscription left for this template (or never gave one). A normal answer. */
  | { status: 'refused' }
  /** WeChat did not take the message and said or showed that trying later may work (busy, unreachable). */
  | { status: 'retry'; error: string }
  /** WeChat refused the message for a reason that will not change by retrying (wrong template, bad data). */
  | { status: 'failed'; error: string }
  /** The request may or may not have reached WeChat; sending again could show the message twice. */
  | { status: 'unknown'; error: string }

export interface SubscribeMessage {
  openid: string
  templateId: string
  /** Mini-program page without the leading slash, with its query. */
  page: string
  data: Record<string, { value: string }>
}

/** 40001 invalid credential, 42001 access token expired, 40014 invalid access token: get another token, try once more. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001])
/** -1 system busy, 45009 daily quota reached, 45011 calling too often. */
const TRY_LATER = new Set([-1, 45009, 45011])
/** Errors from before any byte of the request left this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

type Answer = { errcode: number; errmsg: string } | SendOutcome

/** The server side of WeChat that notifications need: the shared access token and subscribe/send. */
export class WechatApi {
  readonly tokens: AccessTokenKeeper

  constructor(
    readonly config: WechatConfig,
    db: Db,
    engine: Engine,
  ) {
    this.tokens = new AccessTokenKeeper(config, db, engine)
  }

  async sendSubscribe(msg: SubscribeMessage, now = Date.now()): Promise<SendOutcome> {
    try {
      let token = await this.tokens.get(now)
      let answer = await this.post(token, msg)
      if ('errcode' in answer && TOKEN_REJECTED.has(answer.errcode)) {
        token = await this.tokens.replace(token, now)
        answer = await this.post(token, msg)
      }
      if (!('errcode' in answer)) return answer
      if (answer.errcode === 0) return { status: 'sent' }
      if (answer.errcode === 43101) return { status: 'refused' }
      const error = `errcode ${answer.errcode} ${answer.errmsg}`.trim()
      return TRY_LATER.has(answer.errcode) || TOKEN_REJECTED.has(answer.errcode) ? { status: 'retry', error } : { status: 'failed', error }
    } catch (err) {
      if (err instanceof WechatTokenError) return { status: 'retry', error: err.message }
      throw err
    }
  }

  private async post(token: string, msg: SubscribeMessage): Promise<Answer> {
    const url = `${this.config.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`
    const body = { touser: msg.openid, template_id: msg.templateId, page: msg.page, data: msg.data, miniprogram_state: this.config.miniprogramState, lang: 'zh_CN' }
    let res: Response
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) })
    } catch (err) {
      const code = (err as { cause?: { code?: unknown } }).cause?.code
      if (typeof code === 'string' && NOT_SENT.has(code)) return { status: 'retry', error: `WeChat unreachable (${code})` }
      return { status: 'unknown', error: `no answer from WeChat (${typeof code === 'string' ? code : err instanceof Error ? err.name : 'error'})` }
    }
    let parsed: { errcode?: unknown; errmsg?: unknown }
    try {
      parsed = (await res.json()) as typeof parsed
    } catch {
      // A gateway's error page: WeChat's API itself did not answer, so it did not take the message.
      if (res.status >= 500) return { status: 'retry', error: `HTTP ${res.status} from WeChat` }
      return { status: 'unknown', error: `unreadable answer from WeChat (HTTP ${res.status})` }
    }
    return { errcode: typeof parsed.errcode === 'number' ? parsed.errcode : 0, errmsg: typeof parsed.errmsg === 'string' ? parsed.errmsg : '' }
  }
}
