import { Text, View } from '@tarojs/components'
import type { CityRule } from '@contract/identity'
import type { CategoryInfo } from '@contract/sorting'
import { guideFor } from '../guide'

export interface CategoryGuideProps {
  city: CityRule
  category: CategoryInfo
}

export function CategoryGuideSection({ city, category }: CategoryGuideProps) {
  const g = guideFor(city, category.id)
  const rows: [string, string][] = [
    ['包括', g.belongs],
    ['不包括', g.notBelongs],
    ['常见错误', g.mistakes],
    ['怎么投放', g.howTo],
  ]
  return (
    <View className='ll-sorting-guide'>
      <Text className='ll-sorting-guide__title' style={{ backgroundColor: category.color, color: category.textColor }}>
        {category.label}
      </Text>
      {rows.map(([k, v]) => (
        <View key={k} className='ll-sorting-guide__row'>
          <Text className='ll-sorting-guide__key'>{k}</Text>
          <Text className='ll-sorting-guide__value'>{v}</Text>
        </View>
      ))}
    </View>
  )
}
