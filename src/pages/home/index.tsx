import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Me } from '@contract/schemas/identity'
import { placeLabel } from '@contract/format'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { Page } from '@/components/page'
import { useShowEffect } from '@/components/use-show-effect'
import { Tile } from '@/components/tile'
import { useRequireLogin } from '@/features/account/use-require-login'
import { refreshMessageBadge } from '@/features/messages/api/get-unread-messages'
import { refreshNoticeBadge } from '@/features/notices/api/get-unread-count'
import { CareHome } from './care-home'

export default function HomePage() {
  const me = useRequireLogin()
  return me?.user.careMode ? <CareHome me={me} /> : <StandardHome me={me} />
}

function StandardHome({ me }: { me: Me | null }) {
  const [unread, setUnread] = useState(0)
  const [messages, setMessages] = useState(0)
  useShowEffect(() => {
    refreshNoticeBadge().then(setUnread)
    refreshMessageBadge().then(setMessages)
  })
  const home = me?.households[0]
  const community = me?.community
  const go = (url: string, tab = false) => (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))

  return (
    <Page>
      <View className='ll-hero'>
        <Text className='ll-hero__title'>{community ? community.name : '邻里通'}</Text>
        <Text className='ll-hero__sub'>
          {me ? `${me.user.displayName}${home ? `，${placeLabel(home)}` : ''}` : '正在加载…'}
        </Text>
      </View>

      {messages > 0 ? <ActionButton variant='secondary' label={`消息（${messages} 条未读）`} onTap={() => go('/pages/messages/index')} /> : null}

      {me && me.households.length === 0 && me.roles.length === 0 ? (
        <Card title='还没有绑定房屋'>
          <Text className='ll-text'>输入物业或楼栋长给您的邀请码，就能看到本楼的公告、参加投票。</Text>
          <ActionButton label='去绑定房屋' onTap={() => go('/pages/bind-household/index')} />
        </Card>
      ) : null}

      <View className='ll-tiles'>
        <Tile label='看公告' hint={unread ? `${unread} 条未读` : undefined} onTap={() => go('/pages/notices/index', true)} />
        <Tile label='去投票' onTap={() => go('/pages/polls/index')} />
        <Tile label='我要报修' onTap={() => go('/pages/repairs/index', true)} />
        <Tile label='垃圾怎么分' onTap={() => go('/packages/sorting/index')} />
      </View>

      {community ? (
        <ActionButton variant='secondary' label={`打电话给物业 ${community.phone}`} onTap={() => Taro.makePhoneCall({ phoneNumber: community.phone.replace(/-/g, '') })} />
      ) : null}
    </Page>
  )
}
