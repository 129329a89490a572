import Taro from '@tarojs/taro'

const KEY = 'linli.returnTo'

/** Remembers the page a signed-out visitor wanted (e.g. a notice shared into a group chat). */
export function rememberReturnTo(): void {
  const pages = Taro.getCurrentPages()
  const page = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined
  const route = page?.route ?? ''
  if (!route || route.startsWith('pages/login')) return
  const query = Object.entries(page?.options ?? {})
    .filter(([k]) => k !== '$taroTimestamp')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
  Taro.setStorageSync(KEY, `/${route}${query ? `?${query}` : ''}`)
}

/** The remembered page, once (it is forgotten as it is read). */
export function takeReturnTo(): string | null {
  const v = Taro.getStorageSync(KEY) as unknown
  Taro.removeStorageSync(KEY)
  return typeof v === 'string' && v.startsWith('/pages/') ? v : null
}
