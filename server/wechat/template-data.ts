import { NOTIFICATION_LABELS, type NotificationKind } from '../../types/messages'
import { beijingTime } from '../time'

/**
 * A subscribe-message template's fields are named by WeChat per template (`thing1`, `time2`, …); the prefix is the
 * field's type and decides what it accepts. We fill text types from the notification's title, body or kind label and
 * time types from when it happened, cut to WeChat's limits (a value over the limit makes the whole send fail).
 */
export const TEXT_FIELD_TYPES = ['thing', 'phrase', 'name', 'character_string'] as const
export const TIME_FIELD_TYPES = ['time', 'date'] as const
export const FIELD_SOURCES = ['title', 'body', 'kind', 'time'] as const
export type FieldSource = (typeof FIELD_SOURCES)[number]

export interface WechatTemplate {
  id: string
  /** Template field name → what goes into it. */
  fields: Record<string, FieldSource>
}

/** Used when the configuration gives only a template id: the layout of the usual 事项/说明/时间 templates. */
export const DEFAULT_FIELDS: Record<string, FieldSource> = { thing1: 'title', thing2: 'body', time3: 'time' }

const FIELD_NAME = /^(thing|phrase|name|character_string|time|date)\d{1,2}$/

/** Why a field mapping cannot work, or null when it can. */
export function fieldProblem(name: string, source: unknown): string | null {
  const m = FIELD_NAME.exec(name)
  if (!m) return `field "${name}" is not one of thing/phrase/name/character_string/time/date followed by a number`
  if (!(FIELD_SOURCES as readonly unknown[]).includes(source)) return `field "${name}" must be filled from one of ${FIELD_SOURCES.join('/')}`
  const isTime = (TIME_FIELD_TYPES as readonly string[]).includes(m[1]!)
  if (isTime !== (source === 'time')) return isTime ? `field "${name}" holds a time and must be filled from "time"` : `field "${name}" holds text and cannot be filled from "time"`
  return null
}

export interface TemplateInput {
  kind: NotificationKind
  title: string
  body: string
  /** ISO time of the event. */
  at: string
}

/** The `data` object of subscribe/send. */
export function templateData(fields: Record<string, FieldSource>, input: TemplateInput): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [name, source] of Object.entries(fields)) {
    const type = FIELD_NAME.exec(name)?.[1] ?? 'thing'
    const raw = source === 'time' ? input.at : source === 'kind' ? NOTIFICATION_LABELS[input.kind] : input[source]
    data[name] = { value: fit(type, raw) }
  }
  return data
}

function fit(type: string, raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim()
  switch (type) {
    case 'time':
      return beijingTime(raw, true)
    case 'date':
      return beijingTime(raw, false)
    case 'phrase':
      // Up to 5 Chinese characters, nothing else.
      return cut(text.replace(/[^\p{Script=Han}]/gu, ''), 5, false) || '通知'
    case 'name':
      return cut(text, 10, true) || '-'
    case 'character_string':
      // Letters, digits and ASCII symbols only.
      return cut(text.replace(/[^\x21-\x7e]/g, ''), 32, false) || '-'
    default:
      return cut(text, 20, true) || '-'
  }
}

/** At most `max` characters (code points, as WeChat counts them); an ellipsis marks a cut when asked. */
function cut(text: string, max: number, ellipsis: boolean): string {
  const chars = [...text]
  if (chars.length <= max) return text
  return ellipsis ? `${chars.slice(0, max - 1).join('')}…` : chars.slice(0, max).join('')
}
