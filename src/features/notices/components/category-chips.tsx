import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, type NoticeCategory } from '@contract/notices'
import { ChoiceGroup } from '@/components/choice-group'

export interface CategoryChipsProps {
  value: NoticeCategory | null
  onChange: (value: NoticeCategory | null) => void
}

const OPTIONS = [{ value: 'all' as const, label: '全部' }, ...NOTICE_CATEGORIES.map((c) => ({ value: c, label: NOTICE_CATEGORY_LABELS[c] }))]

/** The list's category filter; 全部 stands for no filter. */
export function CategoryChips({ value, onChange }: CategoryChipsProps) {
  return <ChoiceGroup label='公告分类' options={OPTIONS} value={value ?? 'all'} onChange={(c) => onChange(c === 'all' ? null : c)} />
}
