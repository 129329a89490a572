// `npm run test:e2e [-- --repeat=N]`: the browser suites (H5 in Chromium against the real server) on the H5 build in
// dist/h5 (or H5_DIR), N times in a row; prints each round and a closing `N passed, N failed` line over all rounds.
// Used to show that the suite does not fail at random; `npm test` runs it once as part of every check.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { jestResults } from './jest-results.mjs'

const root = path.resolve(import.meta.dirname, '..')
const arg = process.argv.slice(2).find((a) => a.startsWith('--repeat='))
const repeat = arg ? Number(arg.slice('--repeat='.length)) : 1
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error('--repeat=N needs a whole number ≥ 1')
  process.exit(2)
}
if (!fs.existsSync(path.join(root, process.env.H5_DIR ?? 'dist/h5', 'index.html'))) {
  console.error('No H5 build: run `npm run build:h5` first')
  process.exit(2)
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'))
let passed = 0
let failed = 0
const started = Date.now()
for (let round = 1; round <= repeat; round++) {
  const file = path.join(out, `round-${round}.json`)
  const t0 = Date.now()
  spawnSync('npx', ['jest', '--ci', '--runInBand', '--selectProjects', 'e2e', '--json', `--outputFile=${file}`], { cwd: root, stdio: 'inherit' })
  const r = jestResults(file)
  passed += r.passed
  failed += r.failed
  console.log(`\n=== round ${round}/${repeat}: ${r.passed} passed, ${r.failed} failed (${((Date.now() - t0) / 1000).toFixed(0)} s)${r.failedNames.length ? `\n  ${r.failedNames.join('\n  ')}` : ''}`)
}
fs.rmSync(out, { recursive: true, force: true })
console.log(`\n${repeat} round(s) in ${((Date.now() - started) / 60_000).toFixed(1)} min`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
