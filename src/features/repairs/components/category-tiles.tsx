import { View } from '@tarojs/components'
import { REPAIR_CATEGORY_LABELS, type RepairCategory } from '@contract/repairs'
import { a11y } from '@/components/a11y'

export interface CategoryTilesProps {
  /** The group's accessible name. */
  label: string
  categories: readonly RepairCategory[]
  value: RepairCategory | null
  onChange: (category: RepairCategory) => void
}

/** Big tiles to pick what is broken: one tap, a radio group for screen readers. */
export function CategoryTiles({ label, categories, value, onChange }: CategoryTilesProps) {
  return (
    <View className='ll-repairs-tiles' {...a11y('radiogroup', label, false)}>
      {categories.map((c) => (
        <View key={c} className={`ll-repairs-tile${c === value ? ' ll-repairs-tile--on' : ''}`} {...a11y('radio', REPAIR_CATEGORY_LABELS[c])} aria-checked={c === value ? 'true' : 'false'} onClick={() => onChange(c)}>
          {REPAIR_CATEGORY_LABELS[c]}
        </View>
      ))}
    </View>
  )
}
