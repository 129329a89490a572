import type { NoticeCategory } from '@contract/notices'
import { usePagedList } from '@/components/use-paged-list'
import { listNotices } from './api/list-notices'

/** One list of notices with its filters (category, keyword, archive) and keyset paging. */
export function useNoticeList() {
  return usePagedList(listNotices, { category: null as NoticeCategory | null, q: '', archive: false })
}
