import { NOTIFICATION_DEFAULTS, NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind } from '../../../types/messages'
import type { MessageList, NotificationPreferences, WechatTemplates } from '../../../types/schemas/messages'
import type { Actor } from '../../authz'
import type { Deps } from '../../context'
import { notFound } from '../../errors'
import { decodeCursor, pageOf } from '../../pagination'
import * as repo from './repo'

export async function listMessages(deps: Deps, actor: Actor, query: { cursor?: string; limit?: number }): Promise<MessageList> {
  const limit = query.limit ?? 20
  const before = query.cursor ? (decodeCursor(query.cursor, ['number'])[0] as number) : null
  const rows = await repo.listForUser(deps.db, actor.userId, before, limit)
  const page = pageOf(rows, limit, (r) => [r.id])
  return {
    items: page.items.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
    nextCursor: page.nextCursor,
  }
}

export async function unreadCount(deps: Deps, actor: Actor) {
  return { count: await repo.countUnread(deps.db, actor.userId) }
}

export async function markRead(deps: Deps, actor: Actor, id: number) {
  if (!(await repo.markRead(deps.db, actor.userId, id, deps.now().toISOString()))) throw notFound('消息不存在')
  return { ok: true as const }
}

export async function markAllRead(deps: Deps, actor: Actor) {
  await repo.markAllRead(deps.db, actor.userId, deps.now().toISOString())
  return { ok: true as const }
}

export async function getPreferences(deps: Deps, actor: Actor): Promise<NotificationPreferences> {
  const set = new Map((await repo.preferences(deps.db, actor.userId)).map((p) => [p.kind, p.enabled === 1]))
  return { items: NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_LABELS[kind], enabled: set.get(kind) ?? NOTIFICATION_DEFAULTS[kind] })) }
}

export async function putPreferences(deps: Deps, actor: Actor, items: { kind: NotificationKind; enabled: boolean }[]) {
  await deps.db.transaction().execute(async (tx) => {
    for (const item of items) await repo.setPreference(tx, actor.userId, item.kind, item.enabled)
  })
  return getPreferences(deps, actor)
}

/** Template ids are not secret: the app needs them before sign-in to ask for subscriptions. */
export function wechatTemplates(deps: Deps): WechatTemplates {
  const templates: WechatTemplates['templates'] = {}
  for (const [kind, t] of Object.entries(deps.wechat?.config.templates ?? {})) templates[kind as NotificationKind] = t.id
  return { enabled: Object.keys(templates).length > 0, templates }
}
