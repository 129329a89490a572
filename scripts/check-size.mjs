// Size budgets (ARCHITECTURE.md): weapp main package ≤ 700 KB, each subpackage ≤ 500 KB, H5 first-load JS ≤ 200 KB gzip.
// Prints the sizes; exits 1 when a budget is broken. Deterministic: sizes of the built files, no timing.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const root = path.resolve(import.meta.dirname, '..')
const KB = 1024
const budgets = { main: 700 * KB, sub: 500 * KB, h5: 200 * KB }

function dirSize(dir, skip = new Set()) {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (skip.has(p)) continue
    total += entry.isDirectory() ? dirSize(p, skip) : fs.statSync(p).size
  }
  return total
}

const failures = []
const line = (name, size, budget) => {
  const ok = size <= budget
  if (!ok) failures.push(name)
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(28)} ${(size / KB).toFixed(1).padStart(7)} KB  (budget ${budget / KB} KB)`)
}

const weapp = path.join(root, 'dist/weapp')
if (fs.existsSync(weapp)) {
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(weapp, s.root))
  // The mini-program package holds what WeChat uploads: everything but the DevTools project file.
  const skip = new Set([...subRoots, path.join(weapp, 'project.config.json')])
  line('weapp main package', dirSize(weapp, skip), budgets.main)
  for (const sub of subRoots) line(`weapp subpackage ${path.relative(weapp, sub)}`, dirSize(sub), budgets.sub)
} else {
  failures.push('dist/weapp missing')
  console.log('dist/weapp is missing: run npm run build:weapp')
}

const h5 = path.join(root, 'dist/h5')
if (fs.existsSync(h5)) {
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
  const gz = scripts.reduce((sum, src) => sum + zlib.gzipSync(fs.readFileSync(path.join(h5, src.replace(/^\//, '')))).length, 0)
  line(`H5 first-load JS (gzip, ${scripts.length} files)`, gz, budgets.h5)
} else {
  failures.push('dist/h5 missing')
  console.log('dist/h5 is missing: run npm run build:h5')
}

if (failures.length) {
  console.log(`size budget broken: ${failures.join(', ')}`)
  process.exit(1)
}
