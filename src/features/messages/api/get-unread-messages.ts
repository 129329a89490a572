import { api } from '@/api/client'
import { setTabBadge } from '@/components/tab-badge'

export async function getUnreadMessages(): Promise<number> {
  return (await api.get<{ count: number }>('/messages/unread-count')).data.count
}

/** Shows the unread message count on the 我的 tab, where the message centre lives, and returns it. */
export async function refreshMessageBadge(): Promise<number> {
  const count = await getUnreadMessages().catch(() => 0)
  await setTabBadge('pages/me/index', count)
  return count
}
