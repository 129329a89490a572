import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface CardProps {
  title?: string
  children: ReactNode
}

export function Card({ title, children }: CardProps) {
  return (
    <View className='ll-card'>
      {title ? <Text className='ll-card__title'>{title}</Text> : null}
      {children}
    </View>
  )
}
