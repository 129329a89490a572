import { REPAIR_REOPEN_DAYS, REPAIR_SLA_HOURS, REPAIR_STATE_GROUP, REPAIR_TRANSITIONS, type RepairAction, type RepairParty, type RepairStateGroup, type RepairStatus, type RepairUrgency } from '../../../types/repairs'
import { AppError } from '../../errors'

/**
 * The one place a transition is decided. Given the ticket as it is, who is acting (their parties) and what they ask,
 * it returns the new state and the columns to change, or throws: 403 when these parties may never take this action,
 * 409 (with the current status) when the ticket is not in a state that allows it.
 */
export interface MachineTicket {
  status: RepairStatus
  urgency: RepairUrgency
  resolvedAt: string | null
}

export interface Decision {
  from: RepairStatus
  to: RepairStatus
  changes: {
    status: RepairStatus
    state_group: RepairStateGroup
    assignee_id?: number | null
    sla_due_at?: string
    resolved_at?: string | null
    closed_at?: string | null
  }
}

export function illegal(status: RepairStatus, message = '工单当前状态下不能进行此操作'): AppError {
  return new AppError(409, 'REPAIR_ILLEGAL_TRANSITION', message, { status })
}

export function slaDueAt(urgency: RepairUrgency, from: Date): string {
  return new Date(from.getTime() + REPAIR_SLA_HOURS[urgency] * 3600_000).toISOString()
}

export function decide(ticket: MachineTicket, action: RepairAction, parties: readonly RepairParty[], input: { assigneeId?: number; note?: string }, now: Date): Decision {
  const t = REPAIR_TRANSITIONS[action]
  if (!t.by.some((p) => parties.includes(p))) throw new AppError(403, 'FORBIDDEN', '您不能对这张工单进行此操作')
  if (!t.from.includes(ticket.status)) throw illegal(ticket.status)
  if (t.needs === 'assignee' && input.assigneeId === undefined) throw new AppError(400, 'VALIDATION_FAILED', '请选择维修师傅')
  if (t.needs === 'note' && !input.note?.trim()) throw new AppError(400, 'VALIDATION_FAILED', '请写明不予受理的原因，以及居民可以找谁处理')
  const at = now.toISOString()
  const changes: Decision['changes'] = { status: t.to, state_group: REPAIR_STATE_GROUP[t.to] }
  switch (action) {
    case 'assign':
      changes.assignee_id = input.assigneeId!
      break
    case 'resolve':
      changes.resolved_at = at
      break
    case 'reopen': {
      const resolvedAt = ticket.resolvedAt ? new Date(ticket.resolvedAt).getTime() : 0
      if (now.getTime() - resolvedAt > REPAIR_REOPEN_DAYS * 86400_000) throw new AppError(409, 'REPAIR_REOPEN_EXPIRED', undefined, { status: ticket.status })
      // Back in the queue with a fresh deadline; the previous worker is no longer on it.
      changes.resolved_at = null
      changes.assignee_id = null
      changes.sla_due_at = slaDueAt(ticket.urgency, now)
      break
    }
    case 'close':
    case 'reject':
    case 'cancel':
      changes.closed_at = at
      break
  }
  return { from: ticket.status, to: t.to, changes }
}

/** Urging makes sense only while the work is still to be done (a resolved ticket waits for the reporter, not staff). */
export function mayBeUrged(status: RepairStatus): boolean {
  return REPAIR_STATE_GROUP[status] === 'open'
}
