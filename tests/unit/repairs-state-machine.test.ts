import fc from 'fast-check'
import { AppError } from '../../server/errors'
import { decide } from '../../server/modules/repairs/state-machine'
import { REPAIR_ACTIONS, REPAIR_PARTIES, REPAIR_STATE_GROUP, REPAIR_STATUSES, REPAIR_TRANSITIONS, allowedRepairActions, type RepairParty, type RepairStatus } from '../../types/repairs'

const DAY = 86400_000

/** A ticket in memory with its event log, driven only through decide(). */
function run(steps: [RepairParty[], (typeof REPAIR_ACTIONS)[number], number][]) {
  let status: RepairStatus = 'submitted'
  let resolvedAt: string | null = null
  const events: { from: RepairStatus; to: RepairStatus }[] = []
  let clock = Date.UTC(2026, 0, 1)
  for (const [parties, action, advanceHours] of steps) {
    clock += advanceHours * 3600_000
    const before = events.length
    try {
      const d = decide({ status, urgency: 'normal', resolvedAt }, action, parties, { assigneeId: 7, note: '请联系燃气公司' }, new Date(clock))
      expect(d.from).toBe(status)
      status = d.changes.status
      if (d.changes.resolved_at !== undefined) resolvedAt = d.changes.resolved_at
      events.push({ from: d.from, to: d.to })
      // Allowed by the table, for these parties, from this state.
      expect(allowedRepairActions(d.from, parties)).toContain(action)
      expect(d.changes.state_group).toBe(REPAIR_STATE_GROUP[d.to])
    } catch (e) {
      expect(e).toBeInstanceOf(AppError)
      expect([403, 409]).toContain((e as AppError).statusCode)
    }
    expect(REPAIR_STATUSES).toContain(status)
    expect(events.length - before).toBeLessThanOrEqual(1)
  }
  return { status, events }
}

test('random actions by random parties never leave the machine; every accepted action is one event', () => {
  const parties = fc.subarray([...REPAIR_PARTIES], { minLength: 0, maxLength: 2 })
  const step = fc.tuple(parties, fc.constantFrom(...REPAIR_ACTIONS), fc.integer({ min: 0, max: 24 * 9 }))
  fc.assert(
    fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
      const { events } = run(steps)
      // The log replays to the final state: each event starts where the previous ended.
      let s: RepairStatus = 'submitted'
      for (const e of events) {
        expect(e.from).toBe(s)
        s = e.to
      }
    }),
    { numRuns: 500 },
  )
})

test('every status is reachable and terminal states have no way out but reopen from resolved', () => {
  const reachable = new Set<RepairStatus>(['submitted'])
  let grew = true
  while (grew) {
    grew = false
    for (const t of Object.values(REPAIR_TRANSITIONS)) {
      if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) {
        reachable.add(t.to)
        grew = true
      }
    }
  }
  expect([...reachable].sort()).toEqual([...REPAIR_STATUSES].sort())
  for (const s of ['closed', 'rejected', 'cancelled'] as const) expect(allowedRepairActions(s, REPAIR_PARTIES)).toEqual([])
  expect(allowedRepairActions('resolved', ['reporter']).sort()).toEqual(['close', 'reopen'])
})

test('a resident can never accept, assign, start or resolve; a worker can only start and resolve', () => {
  for (const s of REPAIR_STATUSES) {
    for (const a of allowedRepairActions(s, ['reporter'])) expect(['cancel', 'reopen', 'close']).toContain(a)
    for (const a of allowedRepairActions(s, ['assignee'])) expect(['start', 'resolve']).toContain(a)
  }
})

test('reopen is allowed for 7 days after resolving, then refused with 409', () => {
  const resolvedAt = new Date(Date.UTC(2026, 0, 1)).toISOString()
  const ok = decide({ status: 'resolved', urgency: 'urgent', resolvedAt }, 'reopen', ['reporter'], {}, new Date(Date.UTC(2026, 0, 1) + 6 * DAY))
  expect(ok.to).toBe('accepted')
  expect(new Date(ok.changes.sla_due_at!).getTime() - (Date.UTC(2026, 0, 1) + 6 * DAY)).toBe(4 * 3600_000)
  expect(() => decide({ status: 'resolved', urgency: 'normal', resolvedAt }, 'reopen', ['reporter'], {}, new Date(Date.UTC(2026, 0, 1) + 8 * DAY))).toThrow(
    expect.objectContaining({ statusCode: 409, code: 'REPAIR_REOPEN_EXPIRED' }),
  )
})
