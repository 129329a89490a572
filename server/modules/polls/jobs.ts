import type { FastifyInstance } from 'fastify'
import type { Deps } from '../../context'
import { every } from '../../jobs'
import { runPollNotifications } from './service'

const EVERY_MS = 60_000

/** Once a minute on every instance: closing reminders and published results (see runPollNotifications). */
export function startPollJobs(app: FastifyInstance, deps: Deps): void {
  every(app, EVERY_MS, 'poll notifications', () => runPollNotifications(deps))
}
