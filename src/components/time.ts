import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(relativeTime)
dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

const TZ = 'Asia/Shanghai'

/** Times are stored in UTC and shown in Shanghai time: "3 小时前" for the last day, else "11月25日 14:30". */
export function friendlyTime(iso: string, now = dayjs()): string {
  const t = dayjs(iso).tz(TZ)
  const diffHours = now.diff(t, 'hour', true)
  if (diffHours >= 0 && diffHours < 24) return diffHours < 1 / 60 ? '刚刚' : t.from(now)
  return t.year() === now.tz(TZ).year() ? t.format('M月D日 HH:mm') : t.format('YYYY年M月D日 HH:mm')
}

export function fullTime(iso: string): string {
  return dayjs(iso).tz(TZ).format('YYYY年M月D日 HH:mm')
}
