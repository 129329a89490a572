import { Worker } from 'node:worker_threads'

/**
 * Copies the write-ahead log back into the database file from a worker thread with its own connection. SQLite's
 * automatic checkpoint runs inside the COMMIT that crosses the threshold, on the connection that wrote — here the
 * event loop — and syncs the log and the database file there, stalling every request for that long. A PASSIVE
 * checkpoint from another connection never blocks readers or writers; once it has caught up, the next writer
 * starts the log from the beginning again, so it stays small. Starting over costs that writer one sync of the log's
 * header, so the worker runs once a second rather than constantly: in a ballot run at full load the event loop
 * synced 6 times instead of 56 (every 100 ms) or 30 (SQLite's own checkpoints).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
const stop = () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
}
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) })
    stop()
  }
}, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m === 'stop') stop()
})
`

export interface Checkpointer {
  stop(): Promise<void>
}

/**
 * Starts the worker for the database at `file`. `onError` hears a failed checkpoint or a worker that ended; the
 * caller keeps SQLite's own checkpoint as a fallback (see index.ts), so the log cannot grow without bound.
 */
export function startCheckpointer(file: string, onError: (err: Error) => void, intervalMs = 1000): Checkpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') } })
  worker.unref()
  // One report per failure: a failed checkpoint ends the worker, and its end is not reported again.
  let done = false
  const fail = (err: Error) => {
    if (done) return
    done = true
    onError(err)
  }
  worker.on('message', (m: { error?: string }) => {
    if (m.error) fail(new Error(`checkpoint failed: ${m.error}`))
  })
  worker.on('error', fail)
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(new Error(`checkpoint worker ended (exit code ${code})`))
      resolve()
    }),
  )
  return {
    async stop() {
      done = true
      // Unreferenced, the worker would not keep the process alive while the caller waits for it to end.
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}
