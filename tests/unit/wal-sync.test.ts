import { WalSync } from '../../server/db/wal-sync'

/** A WalSync with `writes` writes made, whose syncs the test finishes (or fails) by hand, counting how many started. */
function walWithManualSync(writes: number) {
  const started: (() => void)[] = []
  const fail: ((e: Error) => void)[] = []
  const wal = new WalSync(
    () =>
      new Promise<void>((resolve, reject) => {
        started.push(resolve)
        fail.push(reject)
      }),
  )
  for (let i = 0; i < writes; i++) wal.markWrite()
  return { wal, s: { started, fail } }
}

const tick = () => new Promise((r) => setImmediate(r))

test('nothing written: flush answers at once without syncing', async () => {
  const { wal, s } = walWithManualSync(0)
  await wal.flush()
  expect(s.started).toHaveLength(0)
})

test('flushes waiting together share one sync', async () => {
  const { wal, s } = walWithManualSync(2)
  let done = 0
  const waiting = [wal.flush(), wal.flush(), wal.flush()].map((p) => p.then(() => done++))
  await tick()
  expect(s.started).toHaveLength(1)
  expect(done).toBe(0)
  s.started[0]!()
  await Promise.all(waiting)
  expect(done).toBe(3)
  // Everything is on disk now: the next flush does not sync again.
  await wal.flush()
  expect(s.started).toHaveLength(1)
})

test('a write made while a sync runs waits for the next sync, not the running one', async () => {
  const { wal, s } = walWithManualSync(1)
  const first = wal.flush()
  await tick()
  wal.markWrite() // e.g. a COMMIT after the running sync began
  let secondDone = false
  const second = wal.flush().then(() => (secondDone = true))
  s.started[0]!()
  await first
  await tick()
  expect(secondDone).toBe(false)
  expect(s.started).toHaveLength(2)
  s.started[1]!()
  await second
  expect(secondDone).toBe(true)
})

test('a failed sync fails its waiters and the next flush tries again', async () => {
  const { wal, s } = walWithManualSync(1)
  const first = wal.flush()
  await tick()
  s.fail[0]!(new Error('EIO'))
  await expect(first).rejects.toThrow('EIO')
  const again = wal.flush()
  await tick()
  expect(s.started).toHaveLength(2)
  s.started[1]!()
  await expect(again).resolves.toBeUndefined()
})
