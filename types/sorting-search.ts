// The item search, shared by the server and the phone (which runs it on every keystroke over the whole dataset).
// Pure TypeScript with no imports beyond types: pinyin is precomputed when the dataset is built, never here.
import type { CategoryId } from './sorting'

/** One dictionary entry. `pinyin[0]`/`initials[0]` belong to the name, the rest to the aliases in order. */
export interface SortingEntry {
  name: string
  category: CategoryId
  aliases: string[]
  tip?: string
  pinyin: string[]
  initials: string[]
}

/** Lower is better. */
export const MATCH_RANKS = { exact: 0, prefix: 1, substring: 2, alias: 3, fuzzy: 4 } as const
export type MatchKind = keyof typeof MATCH_RANKS

export interface SearchHit<E extends SortingEntry = SortingEntry> {
  entry: E
  match: MatchKind
}

export const MAX_RESULTS = 20
/** Typos are forgiven only from this many characters on: shorter queries would match half the dictionary. */
export const FUZZY_MIN_LENGTH = 4

const HAN = /[\u3400-\u9fff]/

/** Lower-case, without spaces, apostrophes (xi'an) or full-width letters. */
export function normalizeQuery(q: string): string {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’·,，.。]+/g, '')
    .slice(0, 30)
}

/** Whether a[0..la) and b[0..lb) agree from index i on (no slicing: this runs for every entry on every keystroke). */
function sameTail(a: string, ai: number, la: number, b: string, bi: number, lb: number): boolean {
  if (la - ai !== lb - bi) return false
  for (; ai < la; ai++, bi++) if (a.charCodeAt(ai) !== b.charCodeAt(bi)) return false
  return true
}

/** Optimal-string-alignment (restricted Damerau–Levenshtein) distance ≤ 1 between a and the first lb characters of b. */
function withinOneEditPrefix(a: string, b: string, lb: number): boolean {
  const la = a.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++
  if (i === la && i === lb) return true
  if (la === lb) {
    // one substitution, or one swap of neighbours
    if (sameTail(a, i + 1, la, b, i + 1, lb)) return true
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, la, b, i + 2, lb)
  }
  // one insertion or deletion
  return la > lb ? sameTail(a, i + 1, la, b, i, lb) : sameTail(a, i, la, b, i + 1, lb)
}

/** Optimal-string-alignment (restricted Damerau–Levenshtein) distance ≤ 1, in one pass. */
export function withinOneEdit(a: string, b: string): boolean {
  return withinOneEditPrefix(a, b, b.length)
}

/** The typo-tolerant test: the query is one edit away from the whole target or from its beginning. */
function fuzzy(q: string, target: string): boolean {
  if (target.length + 1 < q.length) return false
  for (let len = q.length - 1; len <= q.length + 1; len++) {
    if (len > 0 && len <= target.length && withinOneEditPrefix(q, target, len)) return true
  }
  return false
}

/** How q matches one string: 0 exact, 1 prefix, 2 substring, -1 not at all. */
function plainMatch(q: string, key: string): number {
  if (key === q) return 0
  const at = key.indexOf(q)
  return at === 0 ? 1 : at > 0 ? 2 : -1
}

const KIND_BY_PLAIN: MatchKind[] = ['exact', 'prefix', 'substring']

function rankOf(q: string, han: boolean, e: SortingEntry): MatchKind | null {
  // The name: its characters, or its full pinyin and initials.
  let best = -1
  if (han) best = plainMatch(q, e.name.toLowerCase())
  else {
    const p = plainMatch(q, e.pinyin[0] ?? '')
    const i = plainMatch(q, e.initials[0] ?? '')
    best = p < 0 ? i : i < 0 ? p : Math.min(p, i)
  }
  if (best >= 0) return KIND_BY_PLAIN[best]!
  // The aliases, the same way.
  for (let k = 0; k < e.aliases.length; k++) {
    if (han ? e.aliases[k]!.toLowerCase().includes(q) : (e.pinyin[k + 1] ?? '').includes(q) || (e.initials[k + 1] ?? '').includes(q)) return 'alias'
  }
  if (q.length < FUZZY_MIN_LENGTH) return null
  // One typo, on characters or full pinyin. Initials are too short and dense: "xgpi" would match dozens of things.
  if (han) {
    if (fuzzy(q, e.name.toLowerCase())) return 'fuzzy'
    for (const a of e.aliases) if (fuzzy(q, a.toLowerCase())) return 'fuzzy'
  } else {
    for (const p of e.pinyin) if (fuzzy(q, p)) return 'fuzzy'
  }
  return null
}

/**
 * Finds entries by Chinese characters, full pinyin ("xigua") or pinyin initials ("xg"); ranked
 * exact > prefix > substring > alias > fuzzy, then shorter names first, then dictionary order. At most `limit` hits.
 */
export function searchEntries<E extends SortingEntry>(entries: readonly E[], query: string, limit: number = MAX_RESULTS): SearchHit<E>[] {
  const q = normalizeQuery(query)
  if (!q) return []
  const han = HAN.test(q)
  const hits: { entry: E; match: MatchKind; rank: number; order: number }[] = []
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!
    const match = rankOf(q, han, entry)
    if (match) hits.push({ entry, match, rank: MATCH_RANKS[match], order: i })
  }
  hits.sort((a, b) => a.rank - b.rank || a.entry.name.length - b.entry.name.length || a.order - b.order)
  return hits.slice(0, limit).map(({ entry, match }) => ({ entry, match }))
}
