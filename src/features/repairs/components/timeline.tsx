import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { REPAIR_ACTION_LABELS, REPAIR_STATUS_LABELS, type RepairAction } from '@contract/repairs'
import type { RepairEvent } from '@contract/schemas/repairs'
import { absoluteUrl } from '@/api/upload-image'
import { a11y } from '@/components/a11y'
import { fullTime } from '@/components/time'

const ROLE_LABELS: Record<string, string> = { reporter: '报修人', resident: '住户', staff: '物业', admin: '管理员', worker: '维修师傅', system: '系统', open311: '外部平台' }

function headline(e: RepairEvent): string {
  if (e.type === 'created') return '提交报修'
  if (e.type === 'comment') return e.internal ? '内部备注' : '留言'
  if (e.type === 'urge') return '催单'
  if (e.type === 'rating') return '评价'
  if (e.toStatus) return `${REPAIR_ACTION_LABELS[e.type as RepairAction] ?? e.type} → ${REPAIR_STATUS_LABELS[e.toStatus]}`
  return e.type
}

export interface TimelineProps {
  events: RepairEvent[]
}

/** The ticket's history as steps, oldest first: who did what, when, with notes and photos. */
export function Timeline({ events }: TimelineProps) {
  return (
    <View className='ll-repairs-timeline' {...a11y('list', '处理进度', false)}>
      {events.map((e, i) => (
        <View key={e.id} className={`ll-repairs-step${i === events.length - 1 ? ' ll-repairs-step--last' : ''}${e.internal ? ' ll-repairs-step--internal' : ''}`} {...a11y('listitem', undefined, false)}>
          <View className='ll-repairs-step__dot' />
          <View className='ll-repairs-step__body'>
            <Text className='ll-repairs-step__title'>{headline(e)}</Text>
            <Text className='ll-repairs-step__meta'>{`${fullTime(e.at)} · ${e.actor.name ?? ROLE_LABELS[e.actor.role] ?? ''}${e.actor.name ? `（${ROLE_LABELS[e.actor.role] ?? ''}）` : ''}`}</Text>
            {e.note ? <Text className='ll-repairs-step__note'>{e.note}</Text> : null}
            {e.photos.length ? (
              <View className='ll-repairs-photos'>
                {e.photos.map((p, j) => (
                  <View key={p.id} {...a11y('button', `查看照片 ${j + 1}`)} onClick={() => Taro.previewImage({ current: absoluteUrl(p.url), urls: e.photos.map((x) => absoluteUrl(x.url)) })}>
                    {/* The button carries the name; the picture itself is decoration to assistive technology. */}
                    <Image className='ll-repairs-photo' src={absoluteUrl(p.thumbUrl)} mode='aspectFill' aria-hidden='true' />
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}
