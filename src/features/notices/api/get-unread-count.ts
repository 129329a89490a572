import Taro from '@tarojs/taro'
import { api } from '@/api/client'

const NOTICES_TAB = 1

export async function getUnreadCount(): Promise<number> {
  return (await api.get<{ count: number }>('/notices/unread-count')).data.count
}

/** Shows the unread count on the 公告 tab (or clears it). Failing to update a badge is not worth an error. */
export async function refreshNoticeBadge(): Promise<number> {
  const count = await getUnreadCount().catch(() => 0)
  const call = count > 0 ? Taro.setTabBarBadge({ index: NOTICES_TAB, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index: NOTICES_TAB })
  await Promise.resolve(call).catch(() => undefined)
  return count
}
