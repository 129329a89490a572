import fs from 'node:fs/promises'

/**
 * Durable commits without stopping the event loop. SQLite runs with `synchronous = NORMAL` in WAL mode: a commit
 * writes its frames to the write-ahead log (so it survives the process being killed) but does not wait for the
 * disk. Before the server acknowledges a request that wrote, it waits here for an `fdatasync` of the log, which
 * runs on libuv's thread pool while the event loop goes on serving. One sync covers every commit made before it
 * started, so under load hundreds of requests share it — the same effect as `synchronous = FULL`, whose sync
 * inside every COMMIT would block the only thread that runs JavaScript.
 */
export class WalSync {
  /** Write statements run so far (counted when prepared, just before they run). */
  private writes = 0
  /** Writes known to be on disk. */
  private synced = 0
  private running: Promise<void> | null = null

  /** `sync` makes everything written to the log so far durable (see `syncFile`). */
  constructor(
    private readonly sync: () => Promise<void>,
    private readonly release: () => Promise<void> = async () => undefined,
  ) {}

  /** For the log at `walPath`. */
  static forFile(walPath: string): WalSync {
    const file = syncFile(walPath)
    return new WalSync(file.sync, file.close)
  }

  markWrite(): void {
    this.writes++
  }

  /** Resolves once every write made before the call is on disk; at once when there is nothing to sync. */
  async flush(): Promise<void> {
    const target = this.writes
    while (this.synced < target) {
      if (!this.running) {
        const upTo = this.writes
        this.running = this.sync()
          .then(() => {
            this.synced = Math.max(this.synced, upTo)
          })
          .finally(() => {
            this.running = null
          })
      }
      await this.running
    }
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined)
    await this.release()
  }
}

/**
 * fdatasync of one file, on the thread pool. The log exists from the first write on and stays the same file while
 * this process holds the database open; the sync acts on the file, whichever descriptor names it.
 */
function syncFile(filePath: string) {
  let handle: fs.FileHandle | null = null
  return {
    async sync() {
      handle ??= await fs.open(filePath, 'r')
      await handle.datasync()
    },
    async close() {
      await handle?.close()
      handle = null
    },
  }
}
