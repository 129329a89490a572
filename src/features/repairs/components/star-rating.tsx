import { Text, View } from '@tarojs/components'
import { a11y } from '@/components/a11y'

export interface StarRatingProps {
  label: string
  value: number
  onChange: (value: number) => void
}

/** Five big stars; each star is a radio button named "N 星". */
export function StarRating({ label, value, onChange }: StarRatingProps) {
  return (
    <View className='ll-repairs-stars'>
      <Text className='ll-repairs-stars__label'>{label}</Text>
      <View className='ll-repairs-stars__row' {...a11y('radiogroup', label, false)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`ll-repairs-star${n <= value ? ' ll-repairs-star--on' : ''}`} {...a11y('radio', `${label} ${n} 星`)} aria-checked={n === value ? 'true' : 'false'} onClick={() => onChange(n)}>
            {n <= value ? '★' : '☆'}
          </View>
        ))}
      </View>
    </View>
  )
}
