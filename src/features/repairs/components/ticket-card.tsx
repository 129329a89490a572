import { Text, View } from '@tarojs/components'
import { REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS, REPAIR_URGENCY_LABELS } from '@contract/repairs'
import type { RepairTicketSummary } from '@contract/schemas/repairs'
import { a11y } from '@/components/a11y'
import { friendlyTime } from '@/components/time'
import { Tag } from '@/components/tag'

export interface TicketCardProps {
  ticket: RepairTicketSummary
  onOpen: (id: number) => void
  /** Staff and workers see the deadline; residents see when they reported. */
  showDeadline?: boolean
  /** 我也遇到了 on public tickets someone else reported. */
  onMeToo?: (id: number) => void
}

export function TicketCard({ ticket: t, onOpen, showDeadline, onMeToo }: TicketCardProps) {
  const tags = [REPAIR_STATUS_LABELS[t.status], t.urgency === 'urgent' ? REPAIR_URGENCY_LABELS.urgent : '', t.overdue ? '已超时' : ''].filter(Boolean)
  const title = `${REPAIR_CATEGORY_LABELS[t.category]} · ${t.location.text}`
  return (
    <View className='ll-card ll-repairs-card'>
      <View className='ll-repairs-card__open' {...a11y('link', `${tags.join('，')}，${title}`)} onClick={() => onOpen(t.id)}>
        <View className='ll-repairs-card__meta'>
          <Tag tone={t.stateGroup === 'closed' ? 'neutral' : 'primary'}>{REPAIR_STATUS_LABELS[t.status]}</Tag>
          {t.urgency === 'urgent' ? <Tag tone='danger'>紧急</Tag> : null}
          {t.overdue ? <Tag tone='danger'>已超时</Tag> : null}
          <Text>{showDeadline ? `期限 ${friendlyTime(t.slaDueAt)}` : friendlyTime(t.createdAt)}</Text>
        </View>
        <Text className='ll-repairs-card__title'>{title}</Text>
        <Text className='ll-repairs-card__excerpt'>{t.description}</Text>
        {t.assignee ? <Text className='ll-repairs-card__excerpt'>{`维修师傅：${t.assignee.name}`}</Text> : null}
      </View>
      {onMeToo && t.location.kind === 'public' && !t.mine ? (
        <View
          className={`ll-repairs-metoo${t.meToo ? ' ll-repairs-metoo--on' : ''}`}
          {...a11y('button', t.meToo ? `已点我也遇到了，共 ${t.meTooCount} 人` : `我也遇到了，已有 ${t.meTooCount} 人`)}
          aria-pressed={t.meToo ? 'true' : 'false'}
          onClick={() => {
            if (!t.meToo && t.stateGroup === 'open') onMeToo(t.id)
          }}
        >
          {t.meToo ? `已反馈 · ${t.meTooCount}` : `我也遇到了 · ${t.meTooCount}`}
        </View>
      ) : null}
    </View>
  )
}
