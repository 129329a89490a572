import { Text, View } from '@tarojs/components'
import type { Schedule } from '@contract/schemas/sorting'

/** Now in Shanghai as minutes since midnight (the schedule is wall-clock time there, wherever the phone is). */
function shanghaiMinutes(now = new Date()): number {
  return (now.getUTCHours() * 60 + now.getUTCMinutes() + 8 * 60) % (24 * 60)
}
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export function nowHint(slots: Schedule['slots'], at = shanghaiMinutes()): string {
  const open = slots.find((s) => minutes(s.start) <= at && at < minutes(s.end))
  if (open) return `现在可以投放，到 ${open.end.replace(/^0/, '')}`
  const next = slots.find((s) => minutes(s.start) > at)
  return next ? `下一次投放 ${next.start.replace(/^0/, '')} 开始` : '今天的投放时间已过，明天再来'
}

export interface ScheduleBannerProps {
  schedule: Schedule
}

/** The compound's 定时定点 drop-off at the top of the guide: "今天 7:00–9:00、18:00–20:00，3号楼东侧". */
export function ScheduleBanner({ schedule }: ScheduleBannerProps) {
  if (!schedule.summary) {
    return (
      <View className='ll-sorting-schedule'>
        <Text className='ll-sorting-schedule__title'>{schedule.communityName} 投放时间</Text>
        <Text className='ll-sorting-schedule__text'>物业还没有设置投放时间和地点</Text>
      </View>
    )
  }
  return (
    <View className='ll-sorting-schedule'>
      <Text className='ll-sorting-schedule__title'>{schedule.communityName} 定时定点投放</Text>
      <Text className='ll-sorting-schedule__text'>今天 {schedule.summary}</Text>
      <Text className='ll-sorting-schedule__hint'>{nowHint(schedule.slots)}</Text>
      {schedule.note ? <Text className='ll-sorting-schedule__hint'>{schedule.note}</Text> : null}
    </View>
  )
}
