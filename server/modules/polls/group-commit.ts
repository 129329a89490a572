import type { Db, Tx } from '../../db'
import { AppError } from '../../errors'

interface Job<R> {
  key: number
  run: (tx: Tx) => Promise<R>
  resolve: (value: R) => void
  reject: (error: unknown) => void
}

/**
 * Group commit: ballots that arrive while a write is in flight are written together in the next transaction,
 * so hundreds of ballots share one durable commit (one fsync) instead of paying one each. Every caller is
 * answered only after the transaction holding its ballot has committed; a rule violation (AppError, raised
 * before the job writes anything) fails only that job, any database error fails the whole batch.
 */
export class GroupCommit {
  private readonly queue: Job<unknown>[] = []
  private active = 0

  constructor(
    private readonly db: Db,
    /** Batches written at the same time (SQLite has one connection; on PostgreSQL a few can overlap). */
    private readonly parallel: number,
    private readonly maxBatch = 256,
    private readonly windowMs = 4,
  ) {}

  /** `key` orders the rows a batch writes (the household id), so two batches never lock rows in opposite orders. */
  submit<R>(key: number, run: (tx: Tx) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, run, resolve, reject } as Job<unknown>)
      this.pump()
    })
  }

  private scheduled = false

  private pump() {
    // Wait a moment before writing, so the requests now reading (sessions, the poll) can join this batch: on
    // SQLite a commit's fsync blocks the process, and writing batches of one would make every read wait for one.
    if (this.scheduled || this.active >= this.parallel || this.queue.length === 0) return
    this.scheduled = true
    setTimeout(() => {
      this.scheduled = false
      this.flush()
    }, this.windowMs)
  }

  private flush() {
    while (this.active < this.parallel && this.queue.length > 0) {
      // A stable sort: jobs of one household keep their order of arrival.
      const batch = this.queue.splice(0, this.maxBatch).sort((a, b) => a.key - b.key)
      this.active++
      void this.write(batch).finally(() => {
        this.active--
        this.pump()
      })
    }
  }

  private async write(batch: Job<unknown>[]) {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: AppError })[] = []
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: await job.run(tx) })
          } catch (error) {
            if (!(error instanceof AppError)) throw error
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      for (const job of batch) job.reject(error)
      return
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) job.resolve(outcome.value)
      else job.reject(outcome.error)
    })
  }
}
