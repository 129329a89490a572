import { Text, View } from '@tarojs/components'
import type { CategoryInfo } from '@contract/sorting'

export interface ResultCardProps {
  name: string
  aliases: string[]
  tip?: string
  category: CategoryInfo
}

/** One item: its name big, the bin's colour and label, and the tip people need. */
export function ResultCard({ name, aliases, tip, category }: ResultCardProps) {
  return (
    <View className='ll-sorting-result'>
      <View className='ll-sorting-result__bin' style={{ backgroundColor: category.color, color: category.textColor }}>
        <Text className='ll-sorting-result__icon'>{category.icon}</Text>
      </View>
      <View className='ll-sorting-result__body'>
        <Text className='ll-sorting-result__name'>{name}</Text>
        <Text className='ll-sorting-result__label' style={{ backgroundColor: category.color, color: category.textColor }}>
          {category.label}
        </Text>
        {aliases.length ? <Text className='ll-sorting-result__aliases'>也叫：{aliases.join('、')}</Text> : null}
        {tip ? <Text className='ll-sorting-result__tip'>{tip}</Text> : null}
      </View>
    </View>
  )
}
