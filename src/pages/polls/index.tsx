import { Text } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { errorMessage } from '@/api/client'
import { ActionButton } from '@/components/action-button'
import { ChoiceGroup } from '@/components/choice-group'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { useRequireLogin } from '@/features/account/use-require-login'
import { PollCard } from '@/features/polls/components/poll-card'
import { usePollList } from '@/features/polls/use-poll-list'
import '@/features/polls/polls.css'

export default function PollsPage() {
  const me = useRequireLogin()
  const canRun = !!me?.roles.some((r) => r.role === 'staff' || r.role === 'admin' || r.role === 'rep')
  const list = usePollList()
  const tab = list.query.status

  useDidShow(() => {
    list.reload()
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) list.loadMore()
  })

  const tabs = [
    { value: 'open' as const, label: '进行中' },
    { value: 'closed' as const, label: '已结束' },
    ...(canRun ? [{ value: 'draft' as const, label: '草稿' }] : []),
  ]

  return (
    <Page title='投票'>
      {canRun ? <ActionButton label='发起投票' onTap={() => Taro.navigateTo({ url: '/packages/staff/poll-edit' })} /> : null}
      <ChoiceGroup label='投票状态' options={tabs} value={tab} onChange={(status) => list.setFilters({ status })} />
      {list.error ? <EmptyState title='没有加载出来' hint={errorMessage(list.error)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? <EmptyState title={tab === 'open' ? '暂时没有进行中的投票' : '没有投票'} hint='楼栋的投票和业主表决会显示在这里' /> : null}
      {list.items.map((p) => (
        <PollCard key={p.id} poll={p} />
      ))}
      {list.hasMore ? <ActionButton variant='secondary' label='加载更多' busy={list.loading} onTap={list.loadMore} /> : null}
      {!list.loaded ? <Text className='ll-text ll-text--muted'>正在加载…</Text> : null}
    </Page>
  )
}
