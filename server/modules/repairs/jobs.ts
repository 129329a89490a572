import type { FastifyInstance } from 'fastify'
import type { Deps } from '../../context'
import { autoCloseResolved } from './service'

const EVERY_MS = 10 * 60_000

/**
 * Runs the repair housekeeping (auto-closing resolved tickets) every 10 minutes on every instance; the claim in the
 * SQL makes each ticket close once. The timer does not keep the process alive and stops when the app closes.
 */
export function startRepairJobs(app: FastifyInstance, deps: Deps): void {
  let running: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    running = autoCloseResolved(deps).catch((err: unknown) => app.log.error({ err }, 'repairs auto-close failed'))
  }, EVERY_MS)
  timer.unref()
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}
