import { api } from '@/api/client'
import { setTabBadge } from '@/components/tab-badge'

export async function getUnreadCount(): Promise<number> {
  return (await api.get<{ count: number }>('/notices/unread-count')).data.count
}

/** Shows the unread count on the 公告 tab (or clears it) and returns it; a failed count shows as none. */
export async function refreshNoticeBadge(): Promise<number> {
  const count = await getUnreadCount().catch(() => 0)
  await setTabBadge('pages/notices/index', count)
  return count
}
