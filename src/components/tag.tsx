import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'

export type TagTone = 'primary' | 'neutral' | 'warn' | 'danger' | 'alert'

export interface TagProps {
  /** primary: a category or state; neutral: finished; warn: waits for the reader; danger: pinned or urgent; alert: unread. */
  tone?: TagTone
  children: ReactNode
}

/** The one small label pill of cards and detail pages (置顶, 未读, 需确认, a status, a category). */
export function Tag({ tone = 'primary', children }: TagProps) {
  return <Text className={`ll-tag ll-tag--${tone}`}>{children}</Text>
}
