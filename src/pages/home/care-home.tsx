import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Me } from '@contract/schemas/identity'
import type { NoticeList } from '@contract/schemas/notices'
import { a11y } from '@/components/a11y'
import { Page } from '@/components/page'
import { useShowEffect } from '@/components/use-show-effect'
import { ReadAloud } from '@/components/read-aloud'
import { Tile } from '@/components/tile'
import { refreshMessageBadge } from '@/features/messages/api/get-unread-messages'
import { refreshNoticeBadge } from '@/features/notices/api/get-unread-count'
import { listNotices } from '@/features/notices/api/list-notices'
import { listPolls } from '@/features/polls/api/list-polls'

type NoticeItem = NoticeList['items'][number]

/** 长辈模式的首页: five huge tiles and the newest important notice with read-aloud. Nothing else. */
export function CareHome({ me }: { me: Me }) {
  const [unread, setUnread] = useState(0)
  const [toVote, setToVote] = useState<number[]>([])
  const [important, setImportant] = useState<NoticeItem | null>(null)
  useShowEffect(() => {
    refreshNoticeBadge().then(setUnread)
    void refreshMessageBadge() // on the 我的 tab, outside this page
    listPolls('open')
      .then((page) => setToVote(page.items.filter((p) => !p.voted).map((p) => p.id)))
      .catch(() => setToVote([]))
    listNotices({})
      .then((page) => {
        const candidates = page.items.filter((n) => n.pinned || n.requiresAck).sort((a, b) => (a.publishAt < b.publishAt ? 1 : -1))
        setImportant(candidates[0] ?? null)
      })
      .catch(() => setImportant(null))
  })
  const community = me.community
  const go = (url: string, tab = false) => (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))

  return (
    <Page>
      <View className='ll-hero'>
        <Text className='ll-hero__title'>{`${me.user.displayName}，您好`}</Text>
        <Text className='ll-hero__sub'>{community?.name ?? ''}</Text>
      </View>
      <View className='ll-tiles'>
        <Tile label='看公告' hint={unread ? `${unread} 条没看` : undefined} onTap={() => go('/pages/notices/index', true)} />
        {/* One poll waiting: straight to it (tap an option, confirm — three taps from here). */}
        <Tile label='去投票' hint={toVote.length ? `${toVote.length} 个等您投票` : undefined} onTap={() => go(toVote.length === 1 ? `/pages/polls/detail?id=${toVote[0]}` : '/pages/polls/index')} />
        <Tile label='我要报修' onTap={() => go('/pages/repairs/new')} />
        <Tile label='垃圾怎么分' onTap={() => go('/packages/sorting/index')} />
        {community ? <Tile label='打电话给物业' hint={community.phone} onTap={() => Taro.makePhoneCall({ phoneNumber: community.phone.replace(/-/g, '') })} /> : null}
      </View>
      {important ? (
        <View className='ll-card'>
          <Text className='ll-card__title'>重要公告</Text>
          <View {...a11y('link', `打开公告：${important.title}`)} onClick={() => go(`/pages/notices/detail?id=${important.id}`)}>
            <Text className='ll-notice-care-title'>{important.title}</Text>
            <Text className='ll-text'>{important.excerpt}</Text>
          </View>
          <ReadAloud text={`${important.title}。${important.excerpt}`} label='读给我听' />
        </View>
      ) : null}
    </Page>
  )
}
