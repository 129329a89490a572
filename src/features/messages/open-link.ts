import Taro from '@tarojs/taro'

const TAB_PAGES = ['/pages/home/index', '/pages/notices/index', '/pages/repairs/index', '/pages/me/index']

/** Opens the page a message is about; tab pages need switchTab (which takes no query). */
export function openLink(link: string): void {
  const path = link.split('?')[0]!
  if (TAB_PAGES.includes(path)) Taro.switchTab({ url: path })
  else Taro.navigateTo({ url: link })
}
