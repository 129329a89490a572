/** Notice categories, defined once: stable ids for the API, Chinese labels for people. */
export const NOTICE_CATEGORIES = ['outage', 'safety', 'event', 'fees', 'property', 'other'] as const
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number]
export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = {
  outage: '停水停电',
  safety: '安全提醒',
  event: '社区活动',
  fees: '费用缴纳',
  property: '物业通知',
  other: '其他',
}

export const NOTICE_TITLE_MAX = 60
export const NOTICE_BODY_MAX = 5000
export const NOTICE_IMAGES_MAX = 6
