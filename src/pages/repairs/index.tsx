import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { errorMessage } from '@/api/client'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { EmptyState } from '@/components/empty-state'
import { alertError, toastDone } from '@/components/notify'
import { Page } from '@/components/page'
import { useRequireLogin } from '@/features/account/use-require-login'
import { meTooRepair } from '@/features/repairs/api/me-too-repair'
import type { RepairScope } from '@/features/repairs/api/list-repairs'
import { TicketCard } from '@/features/repairs/components/ticket-card'
import { useRepairList } from '@/features/repairs/use-repair-list'
import '@/features/repairs/repairs.css'

const TABS: { scope: RepairScope; label: string }[] = [
  { scope: 'mine', label: '我的报修' },
  { scope: 'public', label: '小区公共问题' },
]

/** The 报修 tab: report, follow my tickets, and see what the neighbours already reported (我也遇到了). */
export default function RepairsPage() {
  const me = useRequireLogin()
  const list = useRepairList({ scope: 'mine' })
  const isStaff = !!me?.roles.some((r) => r.role === 'staff' || r.role === 'admin')
  const isWorker = !!me?.roles.some((r) => r.role === 'worker')

  useDidShow(() => {
    list.reload()
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) list.loadMore()
  })

  const open = (id: number) => Taro.navigateTo({ url: `/pages/repairs/detail?id=${id}` })
  const meToo = async (id: number) => {
    try {
      const res = await meTooRepair(id)
      list.patch(id, { meToo: res.meToo, meTooCount: res.meTooCount })
      toastDone('已反馈')
    } catch (err) {
      await alertError(err)
    }
  }

  return (
    <Page title='报修'>
      <ActionButton label='我要报修' onTap={() => Taro.navigateTo({ url: '/pages/repairs/new' })} />
      {isStaff ? <ActionButton variant='secondary' label='工单池（物业）' onTap={() => Taro.navigateTo({ url: '/packages/staff/repair-queue' })} /> : null}
      {isWorker ? <ActionButton variant='secondary' label='我的维修任务' onTap={() => Taro.navigateTo({ url: '/packages/staff/repair-jobs' })} /> : null}
      <View className='ll-repairs-tabs' style={{ marginTop: '12px' }} {...a11y('tablist', '报修列表', false)}>
        {TABS.map((t) => (
          <View
            key={t.scope}
            className={`ll-repairs-tab${list.query.scope === t.scope ? ' ll-repairs-tab--on' : ''}`}
            {...a11y('tab', t.label)}
            aria-selected={list.query.scope === t.scope ? 'true' : 'false'}
            onClick={() => list.setFilters({ scope: t.scope })}
          >
            {t.label}
          </View>
        ))}
      </View>
      {list.query.scope === 'public' ? <Text className='ll-text ll-text--muted'>别人已经报过的公共问题，点“我也遇到了”就行，不用重复报修。</Text> : null}
      {list.error ? <EmptyState title='没有加载出来' hint={errorMessage(list.error)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <EmptyState title={list.query.scope === 'mine' ? '还没有报修' : '暂时没有公共问题'} hint={list.query.scope === 'mine' ? '家里或小区里有东西坏了，点“我要报修”' : '路灯、电梯、绿化等问题会显示在这里'} />
      ) : null}
      {list.items.map((t) => (
        <TicketCard key={t.id} ticket={t} onOpen={open} onMeToo={list.query.scope === 'public' ? meToo : undefined} />
      ))}
      {list.hasMore ? <ActionButton variant='secondary' label='加载更多' busy={list.loading} onTap={list.loadMore} /> : null}
      {!list.loaded ? <Text className='ll-text ll-text--muted'>正在加载…</Text> : null}
    </Page>
  )
}
