/** Notification kinds, one list: what can reach a person, with the label shown in 我的 → 消息设置. */
export const NOTIFICATION_KINDS = [
  'notice.published',
  'notice.reminder',
  'poll.opened',
  'poll.closing',
  'poll.results',
  'repair.status',
  'repair.comment',
  'repair.urged',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  'notice.published': '新公告',
  'notice.reminder': '公告提醒（楼栋长或物业催读）',
  'poll.opened': '新投票',
  'poll.closing': '投票即将截止',
  'poll.results': '投票结果公布',
  'repair.status': '报修进度',
  'repair.comment': '报修留言',
  'repair.urged': '报修催单（维修人员）',
}

/** New notices already appear in the notice list with a badge, so a message for each is opt-in; the rest is on. */
export const NOTIFICATION_DEFAULTS: Record<NotificationKind, boolean> = {
  'notice.published': false,
  'notice.reminder': true,
  'poll.opened': true,
  'poll.closing': true,
  'poll.results': true,
  'repair.status': true,
  'repair.comment': true,
  'repair.urged': true,
}
