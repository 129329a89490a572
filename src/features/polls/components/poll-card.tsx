import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LEGAL_RULE_LABELS, POLL_STATUS_LABELS } from '@contract/polls'
import type { PollSummary } from '@contract/schemas/polls'
import { a11y } from '@/components/a11y'
import { fullTime } from '@/components/time'
import { Tag } from '@/components/tag'

export interface PollCardProps {
  poll: PollSummary
}

export function PollCard({ poll }: PollCardProps) {
  const where = poll.buildings.length ? poll.buildings.join('、') : '全小区'
  return (
    <View
      className='ll-card ll-polls-card'
      {...a11y('link', `${poll.title}，${POLL_STATUS_LABELS[poll.status]}${poll.voted ? '，本户已投票' : ''}`)}
      onClick={() => Taro.navigateTo({ url: `/pages/polls/detail?id=${poll.id}` })}
    >
      <View className='ll-polls-card__meta'>
        <Tag tone={poll.status === 'closed' || poll.status === 'cancelled' ? 'neutral' : 'primary'}>{POLL_STATUS_LABELS[poll.status]}</Tag>
        {poll.legalRule !== 'none' ? <Tag>{LEGAL_RULE_LABELS[poll.legalRule]}</Tag> : null}
        <Text>{where}</Text>
      </View>
      <Text className='ll-polls-card__title'>{poll.title}</Text>
      <Text className='ll-polls-card__foot'>{`${poll.voted ? '本户已投票 ✓ · ' : ''}截止 ${fullTime(poll.closesAt)}`}</Text>
    </View>
  )
}
