import { AppError } from '../../server/errors'
import { decide, statusOf, type MachinePoll } from '../../server/modules/polls/state-machine'
import { allowedPollActions, POLL_ACTIONS, POLL_PARTIES, POLL_STATUSES, POLL_STORED_STATUSES, type PollAction, type PollParty, type PollStatus } from '../../types/polls'

const NOW = new Date(Date.UTC(2026, 2, 1, 8))
const HOUR = 3600_000
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString()

/** A stored poll that statusOf reads as each state people see; `closed` also by reaching its closing time. */
const POLLS: Record<PollStatus, MachinePoll[]> = {
  draft: [
    { status: 'draft', opens_at: null, closes_at: at(48) },
    { status: 'draft', opens_at: at(2), closes_at: at(48) },
  ],
  scheduled: [{ status: 'open', opens_at: at(2), closes_at: at(48) }],
  open: [
    { status: 'open', opens_at: null, closes_at: at(48) },
    { status: 'open', opens_at: at(-2), closes_at: at(48) },
  ],
  closed: [
    { status: 'closed', opens_at: null, closes_at: at(48) },
    { status: 'open', opens_at: null, closes_at: at(-1) },
    { status: 'open', opens_at: null, closes_at: NOW.toISOString() },
  ],
  cancelled: [{ status: 'cancelled', opens_at: null, closes_at: at(48) }],
}

/**
 * What each (action, state) answers to someone who may manage the poll: the stored state it moves to, or the error
 * code of the refusal. Written out by hand, not derived from the table, so a change of the table shows up here.
 */
const EXPECTED: Record<PollAction, Record<PollStatus, string>> = {
  open: { draft: 'open', scheduled: 'POLL_NOT_DRAFT', open: 'POLL_NOT_DRAFT', closed: 'POLL_CLOSED', cancelled: 'POLL_CANCELLED' },
  close: { draft: 'POLL_NOT_OPEN', scheduled: 'closed', open: 'closed', closed: 'POLL_CLOSED', cancelled: 'POLL_CANCELLED' },
  cancel: { draft: 'cancelled', scheduled: 'cancelled', open: 'cancelled', closed: 'POLL_CLOSED', cancelled: 'POLL_CANCELLED' },
}
const MANAGERS: readonly PollParty[] = ['creator', 'staff']

function outcome(poll: MachinePoll, action: PollAction, parties: readonly PollParty[]): string {
  try {
    return decide(poll, action, parties, { reason: '议题有误' }, NOW).to
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return e.code
  }
}

function refusal(poll: MachinePoll, action: PollAction, parties: readonly PollParty[]): AppError {
  try {
    decide(poll, action, parties, {}, NOW)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error(`expected ${action} by ${parties.join('+')} to be refused`)
}

test('the fixtures cover every state people see', () => {
  for (const s of POLL_STATUSES) for (const p of POLLS[s]) expect(statusOf(p, NOW.toISOString())).toBe(s)
})

describe.each(POLL_STATUSES)('a poll that is %s', (status) => {
  test.each(POLL_ACTIONS.flatMap((action) => POLL_PARTIES.map((party) => [action, party] as const)))('%s by %s', (action, party) => {
    const want = MANAGERS.includes(party) ? EXPECTED[action][status] : 'FORBIDDEN'
    for (const poll of POLLS[status]) {
      expect(outcome(poll, action, [party])).toBe(want)
      // The buttons the app may show agree with what the server decides.
      expect(allowedPollActions(status, [party]).includes(action)).toBe(POLL_STORED_STATUSES.some((s) => s === want))
    }
  })

  test.each(POLL_ACTIONS)('%s with no party, or only rep and voter, is 403 whatever the state', (action) => {
    for (const poll of POLLS[status]) {
      for (const parties of [[], ['rep'], ['voter'], ['rep', 'voter']] as PollParty[][]) {
        const e = refusal(poll, action, parties)
        expect([e.statusCode, e.code, e.message]).toEqual([403, 'FORBIDDEN', '只有发起人或物业可以管理这个投票'])
      }
    }
  })
})

test('being a manager among other parties is enough', () => {
  const open = POLLS.open[0]!
  expect(decide(open, 'close', ['rep', 'voter', 'creator'], {}, NOW).to).toBe('closed')
  expect(decide(open, 'cancel', ['voter', 'staff'], { reason: 'x' }, NOW).to).toBe('cancelled')
})

test('refusals carry the status codes and messages the API has always answered with', () => {
  const cases: [MachinePoll, PollAction, number, string, string][] = [
    [POLLS.open[0]!, 'open', 409, 'POLL_NOT_DRAFT', '投票已发布，不能再次发布'],
    [POLLS.scheduled[0]!, 'open', 409, 'POLL_NOT_DRAFT', '投票已发布，不能再次发布'],
    [POLLS.draft[0]!, 'close', 409, 'POLL_NOT_OPEN', '投票还没有发布'],
    [POLLS.closed[1]!, 'close', 409, 'POLL_CLOSED', '投票已截止'],
    [POLLS.closed[0]!, 'cancel', 409, 'POLL_CLOSED', '投票已截止'],
    [POLLS.cancelled[0]!, 'open', 409, 'POLL_CANCELLED', '投票已取消'],
    [POLLS.cancelled[0]!, 'cancel', 409, 'POLL_CANCELLED', '投票已取消'],
  ]
  for (const [poll, action, statusCode, code, message] of cases) {
    const e = refusal(poll, action, ['creator'])
    expect([e.statusCode, e.code, e.message]).toEqual([statusCode, code, message])
  }
})

test('a draft whose closing time has passed cannot be opened (422), but can still be cancelled', () => {
  const late: MachinePoll = { status: 'draft', opens_at: null, closes_at: at(-1) }
  expect(statusOf(late, NOW.toISOString())).toBe('draft')
  const e = refusal(late, 'open', ['staff'])
  expect([e.statusCode, e.code, e.message]).toEqual([422, 'INVALID_SCHEDULE', '截止时间已过，请重新创建投票'])
  expect(decide(late, 'cancel', ['staff'], { reason: '过期' }, NOW).stillIn).toEqual(['draft', 'open'])
})

test('each step says which columns change and from which stored states the write may start', () => {
  const now = NOW.toISOString()
  expect(decide(POLLS.draft[0]!, 'open', ['creator'], {}, NOW)).toEqual({ from: 'draft', to: 'open', stillIn: ['draft'], changes: { status: 'open' } })
  expect(decide(POLLS.scheduled[0]!, 'close', ['creator'], {}, NOW)).toEqual({
    from: 'scheduled',
    to: 'closed',
    stillIn: ['open'],
    changes: { status: 'closed', closed_at: now, close_reason: null, results_notified_at: now },
  })
  expect(decide(POLLS.open[0]!, 'close', ['staff'], { reason: '提前结束' }, NOW).changes.close_reason).toBe('提前结束')
  expect(decide(POLLS.open[1]!, 'cancel', ['staff'], { reason: '议题有误' }, NOW)).toEqual({
    from: 'open',
    to: 'cancelled',
    stillIn: ['draft', 'open'],
    changes: { status: 'cancelled', closed_at: now, cancel_reason: '议题有误' },
  })
})

test('finished polls allow nothing; a live poll allows no second opening', () => {
  for (const s of ['closed', 'cancelled'] as const) expect(allowedPollActions(s, POLL_PARTIES)).toEqual([])
  expect(allowedPollActions('open', POLL_PARTIES)).toEqual(['close', 'cancel'])
  expect(allowedPollActions('draft', ['rep', 'voter'])).toEqual([])
})
