// Polls (投票/业主表决): lists defined once, unions derived from them. No schema library here.
export const POLL_KINDS = ['single', 'multi', 'approve'] as const
export type PollKind = (typeof POLL_KINDS)[number]
export const POLL_KIND_LABELS: Record<PollKind, string> = { single: '单选', multi: '多选', approve: '表决（同意/反对/弃权）' }

/** Civil Code Art. 278: `ordinary` for general items, `major` for items 6–8 (maintenance funds, rebuilding, change of use). */
export const LEGAL_RULES = ['none', 'ordinary', 'major'] as const
export type LegalRule = (typeof LEGAL_RULES)[number]
export const LEGAL_RULE_LABELS: Record<LegalRule, string> = { none: '普通投票', ordinary: '业主共同决定（一般事项）', major: '业主共同决定（重大事项）' }

/** What a poll is now: `scheduled` is opened but before its start time; `closed` includes reaching the closing time. */
export const POLL_STATUSES = ['draft', 'scheduled', 'open', 'closed', 'cancelled'] as const
export type PollStatus = (typeof POLL_STATUSES)[number]
export const POLL_STATUS_LABELS: Record<PollStatus, string> = { draft: '草稿', scheduled: '未开始', open: '进行中', closed: '已结束', cancelled: '已取消' }

/** What the database keeps: `scheduled`, and closing by time, are read from `opens_at`/`closes_at` (see statusOf). */
export const POLL_STORED_STATUSES = ['draft', 'open', 'closed', 'cancelled'] as const
export type PollStoredStatus = (typeof POLL_STORED_STATUSES)[number]

export const POLL_ACTIONS = ['open', 'close', 'cancel'] as const
export type PollAction = (typeof POLL_ACTIONS)[number]
export const POLL_ACTION_LABELS: Record<PollAction, string> = { open: '发布投票', close: '结束投票', cancel: '取消投票' }

/**
 * Who someone is in relation to one poll; a person can be several at once. `rep`: representative of a building in
 * the poll's scope (any building, for a community-wide poll); `voter`: has a household that may vote in it.
 */
export const POLL_PARTIES = ['creator', 'staff', 'rep', 'voter'] as const
export type PollParty = (typeof POLL_PARTIES)[number]

export interface PollTransition {
  /** The states people see (statusOf), so a poll past its closing time counts as closed. */
  from: readonly PollStatus[]
  to: PollStoredStatus
  by: readonly PollParty[]
}

/** THE life-cycle table. Anything not listed here is illegal. */
export const POLL_TRANSITIONS: Record<PollAction, PollTransition> = {
  open: { from: ['draft'], to: 'open', by: ['creator', 'staff'] },
  // Early close, also before the start time; reaching the closing time needs no action.
  close: { from: ['scheduled', 'open'], to: 'closed', by: ['creator', 'staff'] },
  // A finished poll is the record and cannot be cancelled any more.
  cancel: { from: ['draft', 'scheduled', 'open'], to: 'cancelled', by: ['creator', 'staff'] },
}

/** The actions these parties may take on a poll in `status`. */
export function allowedPollActions(status: PollStatus, parties: readonly PollParty[]): PollAction[] {
  return POLL_ACTIONS.filter((a) => {
    const t = POLL_TRANSITIONS[a]
    return t.from.includes(status) && t.by.some((p) => parties.includes(p))
  })
}

export const POLL_VOTERS = ['owners', 'members'] as const
export type PollVoters = (typeof POLL_VOTERS)[number]
export const POLL_VOTERS_LABELS: Record<PollVoters, string> = { owners: '仅业主', members: '家庭成员均可代表本户' }

export const RESULTS_VISIBILITY = ['live', 'after_close'] as const
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number]

export const BALLOT_CHANNELS = ['app', 'paper'] as const
export type BallotChannel = (typeof BALLOT_CHANNELS)[number]

/** The options of an approval poll, in this order. */
export const APPROVE_LABELS = ['同意', '反对', '弃权'] as const

export const POLL_TITLE_MAX = 60
export const POLL_DESCRIPTION_MAX = 2000
export const POLL_OPTION_MAX = 40
export const POLL_OPTIONS_MIN = 2
export const POLL_OPTIONS_MAX = 20

export const LEGAL_CONDITIONS = ['area_turnout', 'owner_turnout', 'area_agree', 'owner_agree'] as const
export type LegalCondition = (typeof LEGAL_CONDITIONS)[number]
export const LEGAL_CONDITION_LABELS: Record<LegalCondition, string> = {
  area_turnout: '参与表决面积',
  owner_turnout: '参与表决人数',
  area_agree: '同意面积（占参与）',
  owner_agree: '同意人数（占参与）',
}
