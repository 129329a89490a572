import { Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { PollStatus } from '@contract/polls'
import type { PollSummary } from '@contract/schemas/polls'
import { errorMessage } from '@/api/client'
import { ActionButton } from '@/components/action-button'
import { ChoiceGroup } from '@/components/choice-group'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { useRequireLogin } from '@/features/account/use-require-login'
import { listPolls } from '@/features/polls/api/list-polls'
import { PollCard } from '@/features/polls/components/poll-card'
import '@/features/polls/polls.css'

type Tab = 'open' | 'closed' | 'draft'

export default function PollsPage() {
  const me = useRequireLogin()
  const canRun = !!me?.roles.some((r) => r.role === 'staff' || r.role === 'admin' || r.role === 'rep')
  const [tab, setTab] = useState<Tab>('open')
  const [items, setItems] = useState<PollSummary[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = async (status: PollStatus, after: string | null) => {
    setLoading(true)
    try {
      const page = await listPolls(status, after)
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
      setLoaded(true)
    }
  }

  useDidShow(() => {
    load(tab, null)
  })

  const tabs = [
    { value: 'open' as const, label: '进行中' },
    { value: 'closed' as const, label: '已结束' },
    ...(canRun ? [{ value: 'draft' as const, label: '草稿' }] : []),
  ]

  return (
    <Page title='投票'>
      {canRun ? <ActionButton label='发起投票' onTap={() => Taro.navigateTo({ url: '/packages/staff/poll-edit' })} /> : null}
      <ChoiceGroup
        label='投票状态'
        options={tabs}
        value={tab}
        onChange={(t) => {
          setTab(t)
          setItems([])
          load(t, null)
        }}
      />
      {error ? <EmptyState title='没有加载出来' hint={error} /> : null}
      {loaded && !error && items.length === 0 ? <EmptyState title={tab === 'open' ? '暂时没有进行中的投票' : '没有投票'} hint='楼栋的投票和业主表决会显示在这里' /> : null}
      {items.map((p) => (
        <PollCard key={p.id} poll={p} />
      ))}
      {cursor ? <ActionButton variant='secondary' label='加载更多' busy={loading} onTap={() => load(tab, cursor)} /> : null}
      {!loaded ? <Text className='ll-polls-muted'>正在加载…</Text> : null}
    </Page>
  )
}
