import { POLL_TRANSITIONS, type PollAction, type PollParty, type PollStatus, type PollStoredStatus } from '../../../types/polls'
import { AppError, forbidden } from '../../errors'

/** What the life cycle needs to know of a poll: the stored state and the times that refine it. */
export interface MachinePoll {
  status: PollStoredStatus
  opens_at: string | null
  closes_at: string
}

/** The state people see: the stored one, with the opening and closing times applied. */
export function statusOf(p: MachinePoll, now: string): PollStatus {
  if (p.status !== 'open') return p.status
  if (p.closes_at <= now) return 'closed'
  if (p.opens_at && p.opens_at > now) return 'scheduled'
  return 'open'
}

/** Why a poll in `status` takes no ballot and shows no results yet. */
export function notOpen(status: Exclude<PollStatus, 'open'>): AppError {
  switch (status) {
    case 'draft':
      return new AppError(409, 'POLL_NOT_OPEN', '投票还没有发布')
    case 'scheduled':
      return new AppError(409, 'POLL_NOT_OPEN')
    case 'closed':
      return new AppError(409, 'POLL_CLOSED')
    case 'cancelled':
      return new AppError(409, 'POLL_CANCELLED')
  }
}

export function requireOpen(p: MachinePoll, now: string): void {
  const status = statusOf(p, now)
  if (status !== 'open') throw notOpen(status)
}

/** Why an action that the table does not allow from `status` is refused. */
function refusal(status: PollStatus): AppError {
  // Only opening is refused on a live poll: it has been opened already.
  return status === 'open' || status === 'scheduled' ? new AppError(409, 'POLL_NOT_DRAFT') : notOpen(status)
}

/** A table state as stored; only used for `from` states, which are never `closed` (closed by time is stored as open). */
const storedAs = (s: PollStatus): PollStoredStatus => (s === 'scheduled' ? 'open' : s)

export interface Decision {
  from: PollStatus
  to: PollStoredStatus
  /**
   * The stored states the write may start from. The write also requires that an open poll has not reached its
   * closing time, so together they say "still in one of the table's `from` states" at the moment of writing.
   */
  stillIn: PollStoredStatus[]
  changes: {
    status: PollStoredStatus
    closed_at?: string
    close_reason?: string | null
    cancel_reason?: string | null
    results_notified_at?: string
  }
}

/**
 * The one place a life-cycle step is decided. Given the poll as it is, who is acting (their parties) and what
 * they ask, it returns the columns to change, or throws: 403 when these parties may never take this action, 409
 * when the poll is not in a state that allows it, 422 when a draft can no longer be opened.
 */
export function decide(poll: MachinePoll, action: PollAction, parties: readonly PollParty[], input: { reason?: string }, now: Date): Decision {
  const t = POLL_TRANSITIONS[action]
  if (!t.by.some((p) => parties.includes(p))) throw forbidden('只有发起人或物业可以管理这个投票')
  const at = now.toISOString()
  const from = statusOf(poll, at)
  if (!t.from.includes(from)) throw refusal(from)
  const stillIn = [...new Set(t.from.map(storedAs))]
  const changes: Decision['changes'] = { status: t.to }
  switch (action) {
    case 'open':
      if (poll.closes_at <= at) throw new AppError(422, 'INVALID_SCHEDULE', '截止时间已过，请重新创建投票')
      break
    case 'close':
      changes.closed_at = at
      changes.close_reason = input.reason ?? null
      // An early close announces the results itself, so the background job must not announce them again.
      changes.results_notified_at = at
      break
    case 'cancel':
      changes.closed_at = at
      changes.cancel_reason = input.reason ?? null
      break
  }
  return { from, to: t.to, stillIn, changes }
}
