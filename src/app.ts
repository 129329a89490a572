import '@/platform/weapp-aria'
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getToken } from '@/api/token'
import { refreshMe } from '@/features/account/session-store'
import { manageH5Landmarks } from '@/platform/h5-landmarks'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    manageH5Landmarks()
    if (getToken()) refreshMe().catch(() => undefined)
  })
  return children
}

export default App
