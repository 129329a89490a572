import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getToken } from '@/api/token'
import { refreshMe } from '@/features/account/session-store'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (getToken()) refreshMe().catch(() => undefined)
  })
  return children
}

export default App
