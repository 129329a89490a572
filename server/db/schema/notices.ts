import type { Generated } from 'kysely'
import type { NoticeCategory } from '../../../types/notices'

export interface NoticeTable {
  id: Generated<number>
  community_id: number
  author_id: number
  scope: 'community' | 'building'
  category: NoticeCategory
  title: string
  body: string
  pinned: number
  requires_ack: number
  publish_at: string
  expire_at: string | null
  created_at: string
  /** Set when the text of a notice changes; confirmations given before it are for an older version. */
  edited_at: string | null
  withdrawn_at: string | null
  reminded_at: string | null
}

export interface NoticeBuildingTable {
  notice_id: number
  building_id: number
}

export interface NoticeReceiptTable {
  id: Generated<number>
  notice_id: number
  user_id: number
  read_at: string
  acked_at: string | null
}
