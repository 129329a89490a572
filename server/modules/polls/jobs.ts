import type { FastifyInstance } from 'fastify'
import type { Deps } from '../../context'
import { every } from '../../jobs'
import { announceResults, remindClosing } from './notify'
import * as repo from './repo'

const EVERY_MS = 60_000
const REMINDER_BEFORE_MS = 24 * 3600_000

/**
 * The background half of the poll notifications: a reminder to households that have not voted when a poll closes
 * within 24 hours, and the results when a poll reached its closing time (an early close announces them itself).
 * Each poll is claimed by setting its flag in the transaction that enqueues, so it is announced once on any number
 * of instances. `now` is a parameter for tests. Returns how many polls it announced.
 */
export async function runPollNotifications(deps: Deps, now = deps.now(), batch = 50): Promise<{ reminded: number; published: number }> {
  const at = now.toISOString()
  const until = new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString()
  const counts = { reminded: 0, published: 0 }
  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const polls = await repo.claimClosingSoon(tx, deps.engine, at, until, batch)
      for (const p of polls) await remindClosing(tx, p, (await repo.buildingsOfPoll(tx, p.id)).map((b) => b.id), now)
      return polls.length
    })
    counts.reminded += n
    if (n < batch) break
  }
  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const polls = await repo.claimResultsDue(tx, deps.engine, at, batch)
      for (const p of polls) await announceResults(tx, p, (await repo.buildingsOfPoll(tx, p.id)).map((b) => b.id), now)
      return polls.length
    })
    counts.published += n
    if (n < batch) break
  }
  return counts
}

/** Once a minute on every instance: closing reminders and published results (see runPollNotifications). */
export function startPollJobs(app: FastifyInstance, deps: Deps): void {
  every(app, EVERY_MS, 'poll notifications', () => runPollNotifications(deps))
}
