import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import type { Message } from '@contract/schemas/messages'
import { errorMessage } from '@/api/client'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { EmptyState } from '@/components/empty-state'
import { Page } from '@/components/page'
import { friendlyTime } from '@/components/time'
import { useRequireLogin } from '@/features/account/use-require-login'
import { refreshMessageBadge } from '@/features/messages/api/get-unread-messages'
import { listMessages } from '@/features/messages/api/list-messages'
import { markAllMessagesRead, markMessageRead } from '@/features/messages/api/mark-message-read'
import { openLink } from '@/features/messages/open-link'
import '@/features/messages/messages.css'

export default function MessagesPage() {
  useRequireLogin()
  const [items, setItems] = useState<Message[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = async (more: boolean) => {
    try {
      const page = await listMessages(more ? cursor : null)
      setItems((prev) => (more ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoaded(true)
    }
  }
  useDidShow(() => {
    load(false)
  })
  useReachBottom(() => {
    if (cursor) load(true)
  })

  const open = async (m: Message) => {
    if (!m.readAt) {
      setItems((prev) => prev.map((x) => (x.id === m.id ? { ...x, readAt: new Date().toISOString() } : x)))
      await markMessageRead(m.id).catch(() => undefined)
      void refreshMessageBadge()
    }
    openLink(m.link)
  }

  const unread = items.filter((m) => !m.readAt).length
  return (
    <Page title='我的消息'>
      {unread > 0 ? <ActionButton variant='secondary' label='全部标为已读' onTap={() => markAllMessagesRead().then(() => Promise.all([load(false), refreshMessageBadge()]))} /> : null}
      {error ? <EmptyState title='没有加载出来' hint={error} /> : null}
      {loaded && !error && items.length === 0 ? <EmptyState title='还没有消息' hint='报修进度、投票提醒等会显示在这里' /> : null}
      {items.map((m) => (
        <View key={m.id} className='ll-messages-item' {...a11y('link', `${m.readAt ? '' : '未读，'}${m.title}`)} onClick={() => open(m)}>
          <View className='ll-messages-item__meta'>
            {!m.readAt ? <Text className='ll-messages-dot'>未读</Text> : null}
            <Text>{friendlyTime(m.createdAt)}</Text>
          </View>
          <Text className='ll-messages-item__title'>{m.title}</Text>
          {m.body ? <Text className='ll-messages-item__body'>{m.body}</Text> : null}
        </View>
      ))}
      {cursor ? <ActionButton variant='secondary' label='加载更多' onTap={() => load(true)} /> : null}
    </Page>
  )
}
