// Reads a Jest `--json` result file into counts, for the scripts that print the closing `N passed, N failed` line.
import fs from 'node:fs'

/**
 * { passed, failed, skipped, failedNames } of one Jest run; a missing file counts as one failure. A suite that fails
 * to load has no failed test of its own, and a run that executed no test is a failure too: both are counted, so
 * neither can pass unseen.
 */
export function jestResults(file) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0, failedNames: [] }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'))
  const broken = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + broken + (r.numTotalTests === 0 ? 1 : 0),
    skipped: r.numPendingTests,
    failedNames: r.testResults.flatMap((s) => s.assertionResults.filter((a) => a.status === 'failed').map((a) => a.fullName)),
  }
}
