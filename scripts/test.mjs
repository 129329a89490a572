// `npm test`: every check, in order, failing on any failure. Ends with a plain `N passed, N failed` line.
//   type check (app, server) · lint · import cycles · Jest unit · Jest API on SQLite · Jest API on PostgreSQL ·
//   weapp builds (plain, and with the speech plugin) + miniprogram-simulate · H5 build · size budgets · Playwright end-to-end in Chromium.
// PostgreSQL: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres). With CI=true it must be
// reachable; elsewhere an unreachable server skips that run with a visible message.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { jestResults } from './jest-results.mjs'

const root = path.resolve(import.meta.dirname, '..')
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-jest-'))
let passed = 0
let failed = 0
let skipped = 0
const failedSteps = []

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`)
  const started = Date.now()
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = res.status === 0
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  if (!ok) failedSteps.push(title)
  return ok
}

/** A check that is not a Jest suite counts as one test. */
function check(title, cmd, args, env) {
  if (run(title, cmd, args, env)) passed++
  else failed++
}

function jest(title, projects, env = {}, extra = []) {
  const out = path.join(resultsDir, `${title.replace(/\W+/g, '-')}.json`)
  const ok = run(title, 'npx', ['jest', '--ci', ...extra, '--selectProjects', ...projects, '--json', `--outputFile=${out}`], env)
  const r = jestResults(out)
  passed += r.passed
  skipped += r.skipped
  // Jest failing without any failure in its results (e.g. it crashed before writing them) still counts.
  failed += r.failed > 0 || ok ? r.failed : 1
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

check('type check (app)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])
check('type check (server)', 'npx', ['tsc', '-p', 'tsconfig.server.json', '--noEmit'])
check('type check (browser and mini-program tests)', 'npx', ['tsc', '-p', 'tsconfig.tests.json', '--noEmit'])
check('lint', 'npx', ['eslint', '.', '--max-warnings=0'])
check('no import cycles', 'npx', ['madge', '--circular', '--extensions', 'ts,tsx', '--ts-config', 'tsconfig.json', 'src', 'server', 'types'])
jest('jest unit + API on SQLite', ['unit', 'api'], { TEST_DB: 'sqlite' })

if (await postgresReachable()) {
  jest('jest API on PostgreSQL', ['api'], { TEST_DB: 'postgres' })
} else if (process.env.CI === 'true') {
  console.log('\n=== PostgreSQL is not reachable and CI=true: the PostgreSQL run may not be skipped')
  failedSteps.push('PostgreSQL unreachable')
  failed++
} else {
  console.log('\n=== SKIPPED: API tests on PostgreSQL (no server at TEST_POSTGRES_URL / 127.0.0.1:5432)')
}

// The read-aloud suite loads a second weapp build, made with the speech plugin declared.
if (run('build weapp with the speech plugin', 'npx', ['taro', 'build', '--type', 'weapp'], { TARO_APP_WECHAT_SI: '1', TARO_OUTPUT_ROOT: 'dist/weapp-si' })) passed++
else failed++
if (run('build weapp', 'npx', ['taro', 'build', '--type', 'weapp'])) {
  passed++
  jest('jest weapp pages (miniprogram-simulate)', ['mp'])
} else failed++

if (run('build H5', 'npx', ['taro', 'build', '--type', 'h5'])) {
  passed++
  check('size budgets', 'node', ['scripts/check-size.mjs'])
  // One browser suite at a time: each starts its own server and Chromium, and two cores do not fit more.
  if (run('Chromium installed', 'bash', ['scripts/ensure-chromium.sh'])) jest('jest end-to-end (H5 in Chromium)', ['e2e'], {}, ['--runInBand'])
  else failed++
} else failed++

fs.rmSync(resultsDir, { recursive: true, force: true })
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join('; ')}`)
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0)
