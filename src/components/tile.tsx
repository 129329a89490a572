import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'

export interface TileProps {
  label: string
  hint?: string
  onTap: () => void
}

/** A large square entry on the home page. */
export function Tile({ label, hint, onTap }: TileProps) {
  return (
    <View className='ll-tile' {...a11y('link', hint ? `${label}，${hint}` : label)} onClick={onTap}>
      <Text className='ll-tile__label'>{label}</Text>
      {hint ? <Text className='ll-tile__hint'>{hint}</Text> : null}
    </View>
  )
}
