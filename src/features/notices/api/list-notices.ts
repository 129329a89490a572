import type { NoticeCategory } from '@contract/notices'
import type { NoticeList } from '@contract/schemas/notices'
import { api } from '@/api/client'

export interface NoticeQuery {
  cursor?: string | null
  category?: NoticeCategory | null
  q?: string
  archive?: boolean
}

export async function listNotices(query: NoticeQuery): Promise<NoticeList> {
  const res = await api.get<NoticeList>('/notices', {
    params: { cursor: query.cursor || undefined, category: query.category || undefined, q: query.q?.trim() || undefined, archive: query.archive || undefined },
  })
  return res.data
}
