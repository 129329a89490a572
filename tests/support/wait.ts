// Bounded waits shared by the API and browser suites.

/**
 * Polls `condition` until it holds or `timeoutMs` has passed, and says whether it held. For waits on real processes,
 * connections, disk and background delivery; rules about time move a test clock instead.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return true
    if (Date.now() >= deadline) return false
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
