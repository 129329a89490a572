import { Text } from '@tarojs/components'
import Taro, { useDidShow, useLoad, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { REPAIR_CATEGORIES, REPAIR_CATEGORY_LABELS, type RepairCategory, type RepairStateGroup, type RepairStatus } from '@contract/repairs'
import { errorMessage } from '@/api/client'
import { listBuildings } from '@/api/list-buildings'
import { ActionButton } from '@/components/action-button'
import { ChoiceGroup } from '@/components/choice-group'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { ToggleRow } from '@/components/toggle-row'
import { useRequireLogin } from '@/features/account/use-require-login'
import { TicketCard } from '@/features/repairs/components/ticket-card'
import { useRepairList } from '@/features/repairs/use-repair-list'
import '@/features/repairs/repairs.css'

type StatusFilter = RepairStateGroup | Extract<RepairStatus, 'submitted' | 'assigned' | 'in_progress'>
const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'submitted', label: '待受理' },
  { value: 'assigned', label: '已派单' },
  { value: 'in_progress', label: '维修中' },
  { value: 'closed', label: '已结束' },
]

/** The property office's queue: every ticket of the compound, earliest deadline first, with filters. */
export default function RepairQueuePage() {
  useRequireLogin()
  const list = useRepairList({ scope: 'queue', status: 'open' })
  const [buildings, setBuildings] = useState<{ id: number; name: string }[]>([])

  useLoad(() => {
    listBuildings().then(setBuildings, () => setBuildings([]))
  })
  useDidShow(() => {
    list.reload()
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) list.loadMore()
  })

  const category = (list.query.category ?? 'all') as RepairCategory | 'all'
  const building = String(list.query.buildingId ?? 'all')
  return (
    <Page title='报修工单'>
      <ChoiceGroup label='状态' options={STATUS_OPTIONS} value={(list.query.status ?? 'open') as StatusFilter} onChange={(status) => list.setFilters({ status })} />
      <ChoiceGroup
        label='类别'
        options={[{ value: 'all' as const, label: '全部类别' }, ...REPAIR_CATEGORIES.map((c) => ({ value: c, label: REPAIR_CATEGORY_LABELS[c] }))]}
        value={category}
        onChange={(c) => list.setFilters({ category: c === 'all' ? null : c })}
      />
      {buildings.length ? (
        <ChoiceGroup
          label='楼栋'
          options={[{ value: 'all', label: '全部楼栋' }, ...buildings.map((b) => ({ value: String(b.id), label: b.name }))]}
          value={building}
          onChange={(b) => list.setFilters({ buildingId: b === 'all' ? null : Number(b) })}
        />
      ) : null}
      <ToggleRow label='只看超时' hint='已过处理期限、仍未修好的工单' checked={!!list.query.overdue} onChange={(overdue) => list.setFilters({ overdue })} />
      {list.error ? <EmptyState title='没有加载出来' hint={errorMessage(list.error)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? <EmptyState title='没有符合条件的工单' hint='换个条件试试' /> : null}
      {list.items.map((t) => (
        <TicketCard key={t.id} ticket={t} showDeadline onOpen={(id) => Taro.navigateTo({ url: `/pages/repairs/detail?id=${id}` })} />
      ))}
      {list.hasMore ? <ActionButton variant='secondary' label='加载更多' busy={list.loading} onTap={list.loadMore} /> : null}
      {!list.loaded ? <Text className='ll-text ll-text--muted'>正在加载…</Text> : null}
    </Page>
  )
}
