import { Text } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { errorMessage } from '@/api/client'
import { ActionButton } from '@/components/action-button'
import { ChoiceGroup } from '@/components/choice-group'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { useRequireLogin } from '@/features/account/use-require-login'
import { TicketCard } from '@/features/repairs/components/ticket-card'
import { useRepairList } from '@/features/repairs/use-repair-list'
import '@/features/repairs/repairs.css'

/** A worker's jobs, earliest deadline first; start and resolve (with after-photos) happen on the ticket page. */
export default function RepairJobsPage() {
  useRequireLogin()
  const list = useRepairList({ scope: 'assigned', status: 'open' })
  useDidShow(() => {
    list.reload()
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) list.loadMore()
  })
  return (
    <Page title='我的维修'>
      <ChoiceGroup
        label='状态'
        options={[
          { value: 'open' as const, label: '待完成' },
          { value: 'closed' as const, label: '已完成' },
        ]}
        value={list.query.status === 'closed' ? 'closed' : 'open'}
        onChange={(status) => list.setFilters({ status })}
      />
      {list.error ? <EmptyState title='没有加载出来' hint={errorMessage(list.error)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? <EmptyState title='没有任务' hint='物业派单后会通知您' /> : null}
      {list.items.map((t) => (
        <TicketCard key={t.id} ticket={t} showDeadline onOpen={(id) => Taro.navigateTo({ url: `/pages/repairs/detail?id=${id}` })} />
      ))}
      {list.hasMore ? <ActionButton variant='secondary' label='加载更多' busy={list.loading} onTap={list.loadMore} /> : null}
      {!list.loaded ? <Text className='ll-text ll-text--muted'>正在加载…</Text> : null}
    </Page>
  )
}
