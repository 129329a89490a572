import { View } from '@tarojs/components'
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, type NoticeCategory } from '@contract/notices'
import { a11y } from '@/components/a11y'

export interface CategoryChipsProps {
  value: NoticeCategory | null
  onChange: (value: NoticeCategory | null) => void
}

export function CategoryChips({ value, onChange }: CategoryChipsProps) {
  const options: { value: NoticeCategory | null; label: string }[] = [{ value: null, label: '全部' }, ...NOTICE_CATEGORIES.map((c) => ({ value: c, label: NOTICE_CATEGORY_LABELS[c] }))]
  return (
    <View className='ll-notices-chips' {...a11y('radiogroup', '公告分类', false)}>
      {options.map((o) => (
        <View key={o.label} className={`ll-notices-chip${o.value === value ? ' ll-notices-chip--on' : ''}`} {...a11y('radio', o.label)} aria-checked={o.value === value ? 'true' : 'false'} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  )
}
