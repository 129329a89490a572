import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useMe } from '@/features/account/session-store'
import { a11y } from './a11y'

export interface PageProps {
  children: ReactNode
  /** Forces the layout (the login page has no signed-in person yet). */
  care?: boolean
}

/** The root of every page: picks the standard or the care-mode (长辈模式) layout from the person's setting. */
export function Page({ children, care }: PageProps) {
  const me = useMe()
  const careMode = care ?? me?.user.careMode ?? false
  return (
    <View className={`ll-page ${careMode ? 'll-care' : 'll-standard'}`} {...a11y('main', undefined, false)}>
      {children}
    </View>
  )
}
