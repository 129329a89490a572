import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { errorMessage } from '@/api/client'
import { ActionButton } from '@/components/action-button'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { TextInput } from '@/components/text-input'
import { ToggleRow } from '@/components/toggle-row'
import { useRequireLogin } from '@/features/account/use-require-login'
import { refreshNoticeBadge } from '@/features/notices/api/get-unread-count'
import { CategoryChips } from '@/features/notices/components/category-chips'
import { NoticeCard } from '@/features/notices/components/notice-card'
import { useNoticeList } from '@/features/notices/use-notice-list'
import '@/features/notices/notices.css'

export default function NoticesPage() {
  const me = useRequireLogin()
  const list = useNoticeList()
  const [q, setQ] = useState('')
  const canPublish = !!me?.roles.some((r) => r.role === 'staff' || r.role === 'admin' || r.role === 'rep')

  useDidShow(() => {
    list.reload()
    refreshNoticeBadge()
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) list.loadMore()
  })

  const open = (id: number) => Taro.navigateTo({ url: `/pages/notices/detail?id=${id}` })

  return (
    <Page title='公告'>
      {canPublish ? <ActionButton label='发布公告' onTap={() => Taro.navigateTo({ url: '/packages/staff/notice-edit' })} /> : null}
      <View className='ll-notices-toolbar'>
        <TextInput label='搜索公告' type='search' value={q} placeholder='搜索公告' onChange={setQ} onConfirm={() => list.setFilters({ q })} />
        <CategoryChips value={list.query.category} onChange={(category) => list.setFilters({ category })} />
        <ToggleRow label='往期公告' hint='已过期的公告' checked={list.query.archive} onChange={(archive) => list.setFilters({ archive })} />
      </View>

      {list.error ? <EmptyState title='没有加载出来' hint={errorMessage(list.error)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <EmptyState title={list.query.archive ? '没有往期公告' : '暂时没有公告'} hint={list.query.q || list.query.category ? '换个条件试试' : '物业和楼栋长发布的通知会显示在这里'} />
      ) : null}
      {list.items.map((n) => (
        <NoticeCard key={n.id} notice={n} onOpen={open} />
      ))}
      {list.hasMore ? <ActionButton variant='secondary' label='加载更多' busy={list.loading} onTap={list.loadMore} /> : null}
      {!list.loaded ? <Text className='ll-text ll-text--muted'>正在加载…</Text> : null}
    </Page>
  )
}
