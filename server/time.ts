const PARTS = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** 2025年3月7日 09:05 (or without the time) in Beijing time, for text the server writes: messages, WeChat fields. */
export function beijingTime(iso: string, withTime = true): string {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(iso)).map((x) => [x.type, x.value]))
  const date = `${p.year}年${p.month}月${p.day}日`
  return withTime ? `${date} ${p.hour}:${p.minute}` : date
}
