// Local search per keystroke over the whole dictionary (what the phone does), and the server's search route.
// Run: npx tsx bench/sorting-search.ts  — prints p50/p95/max in milliseconds. `npm run bench` loads the server's
// route with the same keystrokes over HTTP.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { searchEntries, type SortingEntry } from '../types/sorting-search'

const dataset = JSON.parse(fs.readFileSync(path.join(__dirname, '../server/modules/sorting/data/dataset.json'), 'utf8')) as { items: SortingEntry[] }
const items = dataset.items

/** Every prefix of what a person types: characters, full pinyin, initials and a typo'd pinyin, for a spread of items. */
export function keystrokes(): string[] {
  const out: string[] = []
  for (let i = 0; i < items.length; i += 7) {
    const e = items[i]!
    const typo = e.pinyin[0]!.length > 4 ? e.pinyin[0]!.slice(0, 2) + e.pinyin[0]![3] + e.pinyin[0]![2] + e.pinyin[0]!.slice(4) : e.pinyin[0]!
    for (const word of [e.name, e.pinyin[0]!, e.initials[0]!, typo]) for (let n = 1; n <= word.length; n++) out.push(word.slice(0, n))
  }
  return out
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!
  return { n: s.length, p50: at(0.5).toFixed(3), p95: at(0.95).toFixed(3), p99: at(0.99).toFixed(3), max: s[s.length - 1]!.toFixed(3) }
}

async function main() {
  const queries = keystrokes()
  for (const q of queries.slice(0, 500)) searchEntries(items, q) // warm-up
  const local: number[] = []
  for (const q of queries) {
    const t0 = performance.now()
    searchEntries(items, q)
    local.push(performance.now() - t0)
  }
  console.log(`local search, ${items.length} items, one search per keystroke (ms):`, stats(local))

  // The server route through inject (no network), on a throwaway SQLite database.
  const { buildApp } = await import('../server/app')
  const { loadConfig } = await import('../server/config')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'))
  const app = await buildApp(loadConfig({}, { databaseUrl: `sqlite:${path.join(dir, 'bench.db')}`, dataDir: dir, demo: true, h5Dir: path.join(dir, 'none'), rateLimitMax: 1_000_000 }))
  const server: number[] = []
  const sample = queries.filter((_, i) => i % 3 === 0)
  for (const q of sample.slice(0, 200)) await app.inject({ method: 'GET', url: `/api/v1/sorting/search?q=${encodeURIComponent(q)}` })
  for (const q of sample) {
    const t0 = performance.now()
    const res = await app.inject({ method: 'GET', url: `/api/v1/sorting/search?q=${encodeURIComponent(q)}` })
    server.push(performance.now() - t0)
    if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode}`)
  }
  console.log('server GET /api/v1/sorting/search through inject (ms):', stats(server))
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
