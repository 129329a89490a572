// Repairs (报修工单): categories, urgencies, statuses and THE transition table, defined once.
// The server enforces the table (server/modules/repairs/state-machine.ts); the app reads it to decide which buttons to show.

/** Categories: stable ids for the API (and Open311 service codes), Chinese labels for people. */
export const REPAIR_CATEGORIES = ['plumbing_electric', 'doors_windows', 'elevator', 'public_lighting', 'drain', 'greenery', 'safety', 'other'] as const
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number]
export const REPAIR_CATEGORY_LABELS: Record<RepairCategory, string> = {
  plumbing_electric: '水电',
  doors_windows: '门窗',
  elevator: '电梯',
  public_lighting: '公共照明',
  drain: '管道疏通',
  greenery: '绿化环境',
  safety: '安全隐患',
  other: '其他',
}

export const REPAIR_URGENCIES = ['normal', 'urgent'] as const
export type RepairUrgency = (typeof REPAIR_URGENCIES)[number]
export const REPAIR_URGENCY_LABELS: Record<RepairUrgency, string> = { normal: '一般', urgent: '紧急' }
/** Hours from report (or reopen) to the resolve deadline. */
export const REPAIR_SLA_HOURS: Record<RepairUrgency, number> = { normal: 48, urgent: 4 }

export const REPAIR_LOCATION_KINDS = ['home', 'public'] as const
export type RepairLocationKind = (typeof REPAIR_LOCATION_KINDS)[number]

export const REPAIR_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled'] as const
export type RepairStatus = (typeof REPAIR_STATUSES)[number]
export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  assigned: '已派单',
  in_progress: '维修中',
  resolved: '已修好',
  closed: '已完成',
  rejected: '未受理',
  cancelled: '已撤销',
}

/** Lists and Open311 ask for a group, not a list of labels: open = someone still has to act on it. */
export const REPAIR_STATE_GROUPS = ['open', 'closed'] as const
export type RepairStateGroup = (typeof REPAIR_STATE_GROUPS)[number]
export const REPAIR_STATE_GROUP: Record<RepairStatus, RepairStateGroup> = {
  submitted: 'open',
  accepted: 'open',
  assigned: 'open',
  in_progress: 'open',
  resolved: 'closed',
  closed: 'closed',
  rejected: 'closed',
  cancelled: 'closed',
}

export const REPAIR_ACTIONS = ['accept', 'assign', 'start', 'resolve', 'reject', 'cancel', 'reopen', 'close'] as const
export type RepairAction = (typeof REPAIR_ACTIONS)[number]
export const REPAIR_ACTION_LABELS: Record<RepairAction, string> = {
  accept: '受理',
  assign: '派单',
  start: '开始维修',
  resolve: '已修好',
  reject: '不予受理',
  cancel: '撤销报修',
  reopen: '没修好，重新处理',
  close: '确认修好',
}

/** Who someone is in relation to one ticket; a person can be several at once (e.g. staff who reported it). */
export const REPAIR_PARTIES = ['reporter', 'staff', 'admin', 'assignee'] as const
export type RepairParty = (typeof REPAIR_PARTIES)[number]

export interface RepairTransition {
  from: readonly RepairStatus[]
  to: RepairStatus
  by: readonly RepairParty[]
  /** What the action needs besides the state and the party. */
  needs?: 'assignee' | 'note'
}

/** THE transition table. Anything not listed here is illegal. */
export const REPAIR_TRANSITIONS: Record<RepairAction, RepairTransition> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['staff', 'admin'] },
  assign: { from: ['submitted', 'accepted', 'assigned', 'in_progress'], to: 'assigned', by: ['staff', 'admin'], needs: 'assignee' },
  start: { from: ['assigned'], to: 'in_progress', by: ['assignee'] },
  resolve: { from: ['assigned', 'in_progress'], to: 'resolved', by: ['assignee', 'staff', 'admin'] },
  // A rejection must say who to contact instead, so the note is required.
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: ['staff', 'admin'], needs: 'note' },
  // "Before work starts": an assigned but not started ticket can still be withdrawn.
  cancel: { from: ['submitted', 'accepted', 'assigned'], to: 'cancelled', by: ['reporter'] },
  reopen: { from: ['resolved'], to: 'accepted', by: ['reporter'] },
  close: { from: ['resolved'], to: 'closed', by: ['reporter', 'staff', 'admin'] },
}

/** A resolved ticket can be reopened for this long, and closes itself after it without a rating. */
export const REPAIR_REOPEN_DAYS = 7
export const REPAIR_AUTO_CLOSE_DAYS = 7
export const REPAIR_URGE_INTERVAL_MINUTES = 30
export const REPAIR_DESCRIPTION_MAX = 1000
export const REPAIR_PHOTOS_MAX = 6
export const REPAIR_NOTE_MAX = 500
export const REPAIR_LOCATION_TEXT_MAX = 100

/** The actions these parties may take on a ticket in `status` (the app shows exactly these buttons). */
export function allowedRepairActions(status: RepairStatus, parties: readonly RepairParty[]): RepairAction[] {
  return REPAIR_ACTIONS.filter((a) => {
    const t = REPAIR_TRANSITIONS[a]
    return t.from.includes(status) && t.by.some((p) => parties.includes(p))
  })
}

export function isRepairOverdue(t: { status: RepairStatus; slaDueAt: string }, now: Date = new Date()): boolean {
  return REPAIR_STATE_GROUP[t.status] === 'open' && new Date(t.slaDueAt).getTime() < now.getTime()
}
