import { Text, View } from '@tarojs/components'

export interface EmptyStateProps {
  title: string
  hint?: string
}

export function EmptyState({ title, hint }: EmptyStateProps) {
  return (
    <View className='ll-empty'>
      <Text className='ll-empty__title'>{title}</Text>
      {hint ? <Text className='ll-empty__hint'>{hint}</Text> : null}
    </View>
  )
}
