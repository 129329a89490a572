import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { RELATION_LABELS, ROLE_LABELS } from '@contract/identity'
import { placeLabel } from '@contract/format'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { ToggleRow } from '@/components/toggle-row'
import { logout } from '@/features/account/api/login'
import { updateMe } from '@/features/account/api/update-me'
import { useRequireLogin } from '@/features/account/use-require-login'
import { refreshMessageBadge } from '@/features/messages/api/get-unread-messages'

export default function MePage() {
  const me = useRequireLogin()
  const [saving, setSaving] = useState(false)
  const [unread, setUnread] = useState(0)
  useDidShow(() => {
    refreshMessageBadge().then(setUnread)
  })

  const setCareMode = async (on: boolean) => {
    setSaving(true)
    try {
      await updateMe({ careMode: on })
    } catch (err) {
      await alertError(err, '设置没有保存')
    } finally {
      setSaving(false)
    }
  }

  const signOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出登录吗？', confirmText: '退出', cancelText: '取消' })
    if (!confirm) return
    await logout().catch(() => undefined)
    Taro.reLaunch({ url: '/pages/login/index' })
  }

  if (!me) return <Page><Text className='ll-text'>正在加载…</Text></Page>

  return (
    <Page>
      <View className='ll-hero'>
        <Text className='ll-hero__title'>{me.user.displayName}</Text>
        <Text className='ll-hero__sub'>{me.community?.name ?? '尚未加入小区'}</Text>
      </View>

      <Card title='我的房屋'>
        {me.households.length === 0 ? <Text className='ll-text'>还没有绑定房屋</Text> : null}
        {me.households.map((h) => (
          <Text key={h.id} className='ll-text ll-row'>
            {`${placeLabel(h, { spaced: true })}（${RELATION_LABELS[h.relation]}）`}
          </Text>
        ))}
        <ActionButton variant='secondary' label='绑定房屋' onTap={() => Taro.navigateTo({ url: '/pages/bind-household/index' })} />
      </Card>

      {me.roles.length > 0 ? (
        <Card title='我的身份'>
          {me.roles.map((r) => (
            <Text key={`${r.role}-${r.buildingId ?? 0}`} className='ll-text ll-row'>
              {ROLE_LABELS[r.role]}
            </Text>
          ))}
        </Card>
      ) : null}

      <Card title='设置'>
        <ToggleRow label='长辈模式' hint='大字、大按钮、页面更简单' checked={me.user.careMode} onChange={(on) => (saving ? undefined : setCareMode(on))} />
        <ActionButton variant='secondary' label={unread ? `我的消息（${unread} 条未读）` : '我的消息'} onTap={() => Taro.navigateTo({ url: '/pages/messages/index' })} />
        <ActionButton variant='secondary' label='消息设置' onTap={() => Taro.navigateTo({ url: '/pages/messages/settings' })} />
      </Card>

      <ActionButton variant='danger' label='退出登录' onTap={signOut} />
    </Page>
  )
}
