import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import type { Message } from '@contract/schemas/messages'
import { errorMessage } from '@/api/client'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { friendlyTime } from '@/components/time'
import { useRequireLogin } from '@/features/account/use-require-login'
import { refreshMessageBadge } from '@/features/messages/api/get-unread-messages'
import { markAllMessagesRead, markMessageRead } from '@/features/messages/api/mark-message-read'
import { openLink } from '@/features/messages/open-link'
import { useMessageList } from '@/features/messages/use-message-list'
import '@/features/messages/messages.css'
import { Tag } from '@/components/tag'

export default function MessagesPage() {
  useRequireLogin()
  const list = useMessageList()
  useDidShow(() => {
    list.reload()
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) list.loadMore()
  })

  const open = async (m: Message) => {
    if (!m.readAt) {
      list.patch(m.id, { readAt: new Date().toISOString() })
      await markMessageRead(m.id).catch(() => undefined)
      void refreshMessageBadge()
    }
    openLink(m.link)
  }

  const unread = list.items.filter((m) => !m.readAt).length
  return (
    <Page title='我的消息'>
      {unread > 0 ? <ActionButton variant='secondary' label='全部标为已读' onTap={() => markAllMessagesRead().then(() => Promise.all([list.reload(), refreshMessageBadge()]))} /> : null}
      {list.error ? <EmptyState title='没有加载出来' hint={errorMessage(list.error)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? <EmptyState title='还没有消息' hint='报修进度、投票提醒等会显示在这里' /> : null}
      {list.items.map((m) => (
        <View key={m.id} className='ll-card ll-messages-item' {...a11y('link', `${m.readAt ? '' : '未读，'}${m.title}`)} onClick={() => open(m)}>
          <View className='ll-messages-item__meta'>
            {!m.readAt ? <Tag tone='alert'>未读</Tag> : null}
            <Text>{friendlyTime(m.createdAt)}</Text>
          </View>
          <Text className='ll-messages-item__title'>{m.title}</Text>
          {m.body ? <Text className='ll-messages-item__body'>{m.body}</Text> : null}
        </View>
      ))}
      {list.hasMore ? <ActionButton variant='secondary' label='加载更多' busy={list.loading} onTap={list.loadMore} /> : null}
    </Page>
  )
}
