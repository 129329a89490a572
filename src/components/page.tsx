import { Text, View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { useMe } from '@/features/account/session-store'
import { a11y } from './a11y'

export interface PageProps {
  children: ReactNode
  /** Shown as a large heading in care mode (in standard mode the navigation bar already carries it). */
  title?: string
  /** Forces the layout (the login page has no signed-in person yet). */
  care?: boolean
}

/** The root of every page: picks the standard or the care-mode (长辈模式) layout from the person's setting. */
export function Page({ children, title, care }: PageProps) {
  const me = useMe()
  const careMode = care ?? me?.user.careMode ?? false
  useEffect(() => {
    // The H5 tab bar lives outside the pages; a class on <body> lets care mode enlarge it too.
    if (process.env.TARO_ENV === 'h5') document.body.classList.toggle('ll-care-body', careMode)
  }, [careMode])
  return (
    <View className={`ll-page ${careMode ? 'll-care' : 'll-standard'}`} {...a11y('main', undefined, false)}>
      {careMode && title ? (
        <Text className='ll-page-title' {...a11y('heading', undefined, false)} aria-level='1'>
          {title}
        </Text>
      ) : null}
      {children}
    </View>
  )
}
