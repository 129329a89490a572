import Taro from '@tarojs/taro'
import { TAB_PAGES, type TabPage } from '@/tabs'

/** Shows a count on a tab (or clears it); the tab is named by its page, so reordering the tab bar cannot misplace it. */
export async function setTabBadge(page: TabPage, count: number): Promise<void> {
  const index = TAB_PAGES.indexOf(page)
  const call = count > 0 ? Taro.setTabBarBadge({ index, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index })
  // A badge that cannot be updated (e.g. the page is not a tab page yet) is not worth an error.
  await Promise.resolve(call).catch(() => undefined)
}
