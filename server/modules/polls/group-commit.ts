import type { Db, Tx } from '../../db'
import { AppError } from '../../errors'

/** What a batch answers for one job: its value, or the rule it broke (which fails only that job). */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: AppError }

export interface GroupCommitOptions {
  /** Batches written at the same time (SQLite has one connection; on PostgreSQL a few can overlap). */
  parallel: number
  maxBatch?: number
  /**
   * How long a batch may wait for company. Waiting pays only when requests are arriving: an idle writer with a
   * single job writes it at once, a busy one collects what arrived while it was writing.
   */
  windowMs?: number
}

interface Pending<J, R> {
  job: J
  resolve: (value: R) => void
  reject: (error: unknown) => void
}

/**
 * Group commit: jobs that arrive while a write is in flight are written together in the next transaction, so
 * hundreds of them share one durable commit (one fsync) and a handful of set-based statements instead of paying
 * for their own. `write` decides every job of a batch inside one transaction and answers each with an Outcome;
 * every caller is answered only after that transaction has committed. An error thrown by `write` (a database
 * error) fails the whole batch.
 */
export class GroupCommit<J, R> {
  private readonly queue: Pending<J, R>[] = []
  private active = 0
  private scheduled = false
  private readonly parallel: number
  private readonly maxBatch: number
  private readonly windowMs: number
  /** Size of the last batch written: a hint of the load. */
  private lastBatch = 0

  constructor(
    private readonly db: Db,
    private readonly write: (tx: Tx, jobs: J[]) => Promise<Outcome<R>[]>,
    options: GroupCommitOptions,
  ) {
    this.parallel = options.parallel
    this.maxBatch = options.maxBatch ?? 512
    this.windowMs = options.windowMs ?? 2
  }

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject })
      this.pump()
    })
  }

  private pump() {
    if (this.scheduled || this.active >= this.parallel || this.queue.length === 0) return
    this.scheduled = true
    // Under load the queue filled while the last batch was written: write it now. After a quiet spell (a last batch
    // of one), wait one tick for the requests being read at this moment; in between, a short window.
    const full = this.queue.length >= this.maxBatch
    const quiet = this.lastBatch <= 1
    const run = () => {
      this.scheduled = false
      this.flush()
    }
    if (full) queueMicrotask(run)
    else if (quiet) setImmediate(run)
    else setTimeout(run, this.windowMs)
  }

  private flush() {
    while (this.active < this.parallel && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch)
      this.lastBatch = batch.length
      this.active++
      void this.run(batch).finally(() => {
        this.active--
        this.pump()
      })
    }
  }

  private async run(batch: Pending<J, R>[]) {
    let outcomes: Outcome<R>[]
    try {
      outcomes = await this.db.transaction().execute((tx) => this.write(tx, batch.map((p) => p.job)))
    } catch (error) {
      for (const p of batch) p.reject(error)
      return
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) p.resolve(outcome.value)
      else p.reject(outcome.error)
    })
  }
}

/** Runs a rule check for one job: an AppError becomes that job's outcome, anything else fails the batch. */
export function outcomeOf<R>(check: () => R): Outcome<R> {
  try {
    return { ok: true, value: check() }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error }
    throw error
  }
}
