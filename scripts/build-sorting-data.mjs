// Builds server/modules/sorting/data/dataset.json from items.source.tsv: checks every line, precomputes full pinyin
// (no tones, no spaces) and initials for each name and alias with pinyin-pro, and stamps a content-hash version.
// Run after editing the source file: `node scripts/build-sorting-data.mjs`; commit both files.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pinyin } from 'pinyin-pro'

const dir = path.resolve(import.meta.dirname, '../server/modules/sorting/data')
const CATEGORIES = new Set(['recyclable', 'hazardous', 'kitchen', 'residual'])

/** Full pinyin and initials of a word, lower-case; letters and digits that are not Chinese are kept as they are. */
export function pinyinKeys(word) {
  const full = pinyin(word, { toneType: 'none', type: 'array', v: true })
  const first = pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', v: true })
  const clean = (parts) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '')
  return { pinyin: clean(full), initials: clean(first) }
}

export function parseSource(text) {
  const items = []
  const errors = []
  const seen = new Map()
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    if (!line.trim() || line.startsWith('#')) return
    const [name = '', category = '', aliasText = '', tip = '', ...rest] = line.split('\t')
    const where = `line ${i + 1}`
    if (rest.length) errors.push(`${where}: too many columns`)
    if (!name.trim() || name !== name.trim()) errors.push(`${where}: bad name "${name}"`)
    if (!CATEGORIES.has(category)) errors.push(`${where}: unknown category "${category}"`)
    const aliases = aliasText ? aliasText.split('|') : []
    for (const word of [name, ...aliases]) {
      if (!word.trim()) errors.push(`${where}: empty alias`)
      if (seen.has(word)) errors.push(`${where}: "${word}" already on ${seen.get(word)}`)
      seen.set(word, where)
    }
    items.push({ name, category, aliases, ...(tip ? { tip } : {}) })
  })
  return { items, errors }
}

export function buildDataset(items) {
  const entries = items.map((item) => {
    const keys = [item.name, ...item.aliases].map(pinyinKeys)
    return { ...item, pinyin: keys.map((k) => k.pinyin), initials: keys.map((k) => k.initials) }
  })
  const version = crypto.createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16)
  return { version, items: entries }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { items, errors } = parseSource(fs.readFileSync(path.join(dir, 'items.source.tsv'), 'utf8'))
  if (errors.length) {
    console.error(errors.join('\n'))
    process.exit(1)
  }
  const dataset = buildDataset(items)
  // One entry per line: readable diffs when the dictionary changes.
  const body = `{"version":${JSON.stringify(dataset.version)},"items":[\n${dataset.items.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`
  fs.writeFileSync(path.join(dir, 'dataset.json'), body)
  console.log(`dataset.json: ${dataset.items.length} items, version ${dataset.version}, ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB`)
}
