import Taro from '@tarojs/taro'
import type { NotificationKind } from '@contract/messages'
import type { WechatTemplates } from '@contract/schemas/messages'
import { api } from '@/api/client'

/** WeChat shows at most three templates in one subscription prompt. */
const MAX_PER_PROMPT = 3

let templates: WechatTemplates['templates'] | null = null
let loading: Promise<void> | null = null

/**
 * Loads the configured subscribe-message templates once, ahead of the tap that needs them: WeChat only shows
 * its prompt when it is asked inside the tap itself, so there is no time to fetch them then. Only in WeChat.
 */
export function preloadSubscribeTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp' || templates || loading) return
  loading = api
    .get<WechatTemplates>('/messages/wechat-templates')
    .then((res) => {
      templates = res.data.enabled ? res.data.templates : {}
    })
    .catch(() => {
      loading = null // try again on the next page
    })
}

/** Whether asking for these kinds would show WeChat's prompt (configured templates, in WeChat). */
export function canAskToSubscribe(kinds: NotificationKind[]): boolean {
  return process.env.TARO_ENV === 'weapp' && !!templates && kinds.some((k) => templates![k])
}

/**
 * Asks WeChat to let us send these kinds of messages once each. Call it first thing in a tap handler (before any
 * await), then await it before showing anything else. It never fails: a refusal or an old WeChat only means no
 * WeChat message — the in-app message centre gets every message anyway.
 */
export function askToSubscribe(kinds: NotificationKind[]): Promise<void> {
  if (!canAskToSubscribe(kinds)) return Promise.resolve()
  const tmplIds = kinds.map((k) => templates![k]).filter((id): id is string => !!id).slice(0, MAX_PER_PROMPT)
  return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] }).then(
    () => undefined,
    () => undefined,
  )
}
