import { Type, type Static, type TString } from 'typebox'
import { NOTIFICATION_KINDS, type NotificationKind } from '../messages'
import { CursorQuerySchema, Paged } from './common'

export const MessageSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(NOTIFICATION_KINDS),
  title: Type.String(),
  body: Type.String(),
  /** The app page it opens. */
  link: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
})
export type Message = Static<typeof MessageSchema>

export const MessageListSchema = Paged(MessageSchema)
export type MessageList = Static<typeof MessageListSchema>

export const MessageListQuerySchema = CursorQuerySchema

export const NotificationPreferencesSchema = Type.Object({
  items: Type.Array(Type.Object({ kind: Type.Enum(NOTIFICATION_KINDS), label: Type.String(), enabled: Type.Boolean() })),
})
export type NotificationPreferences = Static<typeof NotificationPreferencesSchema>

export const PutNotificationPreferencesSchema = Type.Object(
  { items: Type.Array(Type.Object({ kind: Type.Enum(NOTIFICATION_KINDS), enabled: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
)

/**
 * The subscribe-message templates the app may ask for (wx.requestSubscribeMessage, at most 3 per request), by kind.
 * `enabled` is false, and `templates` empty, when the server does not send WeChat messages.
 */
export const WechatTemplatesSchema = Type.Object({
  enabled: Type.Boolean(),
  templates: Type.Partial(Type.Object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Type.String()])) as Record<NotificationKind, TString>)),
})
export type WechatTemplates = Static<typeof WechatTemplatesSchema>
