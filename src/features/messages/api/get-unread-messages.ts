import Taro from '@tarojs/taro'
import { api } from '@/api/client'

/** The 我的 tab, where the message centre lives. */
const ME_TAB = 3

export async function getUnreadMessages(): Promise<number> {
  return (await api.get<{ count: number }>('/messages/unread-count')).data.count
}

/** Shows the unread message count on the 我的 tab (or clears it) and returns it; a failed badge update is not an error. */
export async function refreshMessageBadge(): Promise<number> {
  const count = await getUnreadMessages().catch(() => 0)
  const call = count > 0 ? Taro.setTabBarBadge({ index: ME_TAB, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index: ME_TAB })
  await Promise.resolve(call).catch(() => undefined)
  return count
}
