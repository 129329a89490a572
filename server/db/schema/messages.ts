import type { Generated } from 'kysely'
import type { NotificationKind } from '../../../types/messages'

export interface OutboxTable {
  id: Generated<number>
  user_id: number
  community_id: number
  kind: NotificationKind
  title: string
  body: string
  link: string
  status: OutboxStatus
  attempts: number
  created_at: string
  deliver_after: string
  delivered_at: string | null
  last_error: string | null
  /** The WeChat channel; see migration 008. */
  wx_status: WxStatus | null
  wx_attempts: Generated<number>
  wx_due_at: string | null
  wx_done_at: string | null
  wx_error: string | null
}

export type OutboxStatus = 'pending' | 'delivered' | 'skipped'

export type WxStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'skipped' | 'failed' | 'unknown'

export interface MessageTable {
  id: Generated<number>
  outbox_id: number
  user_id: number
  kind: NotificationKind
  title: string
  body: string
  link: string
  created_at: string
  read_at: string | null
}

export interface NotificationPrefTable {
  user_id: number
  kind: NotificationKind
  enabled: number
}
