import { Text, View } from '@tarojs/components'
import { NOTICE_CATEGORY_LABELS } from '@contract/notices'
import type { NoticeList } from '@contract/schemas/notices'
import { a11y } from '@/components/a11y'
import { friendlyTime } from '@/components/time'
import { Tag } from '@/components/tag'

export interface NoticeCardProps {
  notice: NoticeList['items'][number]
  onOpen: (id: number) => void
}

export function NoticeCard({ notice: n, onOpen }: NoticeCardProps) {
  const status = [n.pinned ? '置顶' : '', n.read ? '' : '未读', n.requiresAck && !n.acked ? '需确认收到' : '', n.scheduled ? '定时发布' : ''].filter(Boolean)
  return (
    <View className='ll-card ll-notice-card' {...a11y('link', `${status.join('，')}${status.length ? '，' : ''}${n.title}`)} onClick={() => onOpen(n.id)}>
      <View className='ll-notice-card__meta'>
        {n.pinned ? <Tag tone='danger'>置顶</Tag> : null}
        {!n.read ? <Tag tone='alert'>未读</Tag> : null}
        {n.requiresAck && !n.acked ? <Tag tone='warn'>需确认</Tag> : null}
        {n.scheduled ? <Tag tone='warn'>定时</Tag> : null}
        <Tag>{NOTICE_CATEGORY_LABELS[n.category]}</Tag>
        <Text>{friendlyTime(n.publishAt)}</Text>
      </View>
      <Text className='ll-notice-card__title'>{n.title}</Text>
      <Text className='ll-notice-card__excerpt'>{n.buildings.length ? `【${n.buildings.join('、')}】` : ''}{n.excerpt}</Text>
    </View>
  )
}
