import '@/platform/weapp-aria'
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getToken } from '@/api/token'
import { refreshMe } from '@/features/account/session-store'
import { labelH5TabBar } from '@/platform/h5-landmarks'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    labelH5TabBar()
    if (getToken()) refreshMe().catch(() => undefined)
  })
  return children
}

export default App
