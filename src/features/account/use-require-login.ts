import Taro, { useDidShow } from '@tarojs/taro'
import { getToken } from '@/api/token'
import { rememberReturnTo } from './return-to'
import { refreshMe, useMe } from './session-store'

/** Sends a signed-out visitor to the login page, and keeps `me` fresh each time the page shows. */
export function useRequireLogin() {
  const me = useMe()
  useDidShow(() => {
    if (!getToken()) {
      rememberReturnTo()
      Taro.reLaunch({ url: '/pages/login/index' })
      return
    }
    refreshMe().catch(() => undefined)
  })
  return me
}
