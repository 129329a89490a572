import type { FastifyInstance } from 'fastify'

/**
 * Runs `job` every `everyMs` on this instance, never two runs at once. Jobs claim their rows in SQL, so running on
 * every instance is safe. The timer does not keep the process alive; closing the app stops it and waits for a run
 * in progress.
 */
export function every(app: FastifyInstance, everyMs: number, name: string, job: () => Promise<unknown>): void {
  let running: Promise<unknown> | null = null
  const timer = setInterval(() => {
    running ??= job()
      .catch((err: unknown) => app.log.error({ err }, `${name} failed`))
      .finally(() => (running = null))
  }, everyMs)
  timer.unref()
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}
