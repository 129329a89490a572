import fc from 'fast-check'
import { normalizeQuery, searchEntries, withinOneEdit, type SortingEntry } from '../../types/sorting-search'
import type { CategoryId } from '../../types/sorting'
import fs from 'node:fs'
import path from 'node:path'

const e = (name: string, category: CategoryId, pinyin: string[], initials: string[], aliases: string[] = []): SortingEntry => ({ name, category, aliases, pinyin, initials })
const small = [
  e('西瓜皮', 'kitchen', ['xiguapi', 'guapi'], ['xgp', 'gp'], ['瓜皮']),
  e('西瓜', 'kitchen', ['xigua'], ['xg']),
  e('冬瓜', 'kitchen', ['donggua'], ['dg']),
  e('哈密瓜', 'kitchen', ['hamigua'], ['hmg']),
  e('南瓜子', 'kitchen', ['nanguazi', 'guazi'], ['ngz', 'gz'], ['瓜子']),
  e('充电电池', 'hazardous', ['chongdiandianchi'], ['cddc']),
  e('普通干电池', 'residual', ['putonggandianchi', 'gandianchi'], ['ptgdc', 'gdc'], ['干电池']),
]
const names = (q: string, list = small) => searchEntries(list, q).map((h) => h.entry.name)
const matches = (q: string, list = small) => searchEntries(list, q).map((h) => `${h.entry.name}:${h.match}`)

describe('ranking', () => {
  test('exact before prefix before substring before alias', () => {
    expect(matches('西瓜')).toEqual(['西瓜:exact', '西瓜皮:prefix'])
    expect(matches('瓜')).toEqual(['西瓜:substring', '冬瓜:substring', '西瓜皮:substring', '哈密瓜:substring', '南瓜子:substring'])
    expect(matches('瓜子')).toEqual(['南瓜子:substring'])
    expect(matches('瓜皮')).toEqual(['西瓜皮:substring'])
    expect(matches('干电池')).toEqual(['普通干电池:substring'])
  })

  test('an alias-only match ranks after every name match', () => {
    const list = [e('果皮', 'kitchen', ['guopi'], ['gp']), e('水果皮', 'kitchen', ['shuiguopi', 'guopi2'], ['sgp', 'gp2'], ['果皮屑'])]
    expect(matches('果皮屑', list)).toEqual(['水果皮:alias'])
  })

  test('full pinyin, initials, spaces, apostrophes and capitals', () => {
    expect(matches('xigua')).toEqual(['西瓜:exact', '西瓜皮:prefix'])
    expect(matches('xg')).toEqual(['西瓜:exact', '西瓜皮:prefix'])
    expect(matches("Xi Gua")).toEqual(['西瓜:exact', '西瓜皮:prefix'])
    expect(matches("xi'gua")).toEqual(['西瓜:exact', '西瓜皮:prefix'])
    expect(matches('gua')).toEqual(['西瓜:substring', '冬瓜:substring', '西瓜皮:substring', '哈密瓜:substring', '南瓜子:substring'])
    expect(matches('cddc')).toEqual(['充电电池:exact'])
    expect(matches('gdc')).toEqual(['普通干电池:substring'])
  })

  test('one typo is forgiven from four characters on, never below', () => {
    expect(matches('xigau')).toEqual(['西瓜:fuzzy', '西瓜皮:fuzzy'])
    expect(matches('xihua')).toEqual(['西瓜:fuzzy', '西瓜皮:fuzzy'])
    expect(matches('donggau')).toEqual(['冬瓜:fuzzy'])
    expect(matches('chongdiandainchi')).toEqual(['充电电池:fuzzy'])
    expect(matches('充电点池')).toEqual(['充电电池:fuzzy'])
    expect(names('xiz')).toEqual([])
    expect(names('xgu')).toEqual([])
    expect(names('xiguuu')).toEqual([])
  })

  test('empty or blank queries find nothing; never more than 20 results', () => {
    expect(names('')).toEqual([])
    expect(names('   ')).toEqual([])
    const many = Array.from({ length: 50 }, (_, i) => e(`瓜${i}`, 'kitchen', [`gua${i}`], [`g${i}`]))
    expect(searchEntries(many, '瓜')).toHaveLength(20)
    expect(searchEntries(many, 'gua')).toHaveLength(20)
  })
})

describe('withinOneEdit', () => {
  test('substitution, insertion, deletion, adjacent swap', () => {
    expect(withinOneEdit('xigua', 'xigua')).toBe(true)
    expect(withinOneEdit('xigua', 'xigau')).toBe(true)
    expect(withinOneEdit('xigua', 'xiguaa')).toBe(true)
    expect(withinOneEdit('xigua', 'igua')).toBe(true)
    expect(withinOneEdit('xigua', 'xihua')).toBe(true)
    expect(withinOneEdit('xigua', 'xihue')).toBe(false)
    expect(withinOneEdit('xigua', 'gixua')).toBe(false)
    expect(withinOneEdit('ab', 'abcd')).toBe(false)
  })

  test('agrees with a reference restricted Damerau–Levenshtein distance', () => {
    const osa = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
        }
      return d[a.length]![b.length]!
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[abc]{0,6}$/), fc.stringMatching(/^[abc]{0,6}$/), (a, b) => withinOneEdit(a, b) === osa(a, b) <= 1),
      { numRuns: 2000 },
    )
  })
})

test('normalizeQuery folds width, case and separators', () => {
  expect(normalizeQuery(' ＸＩ gua ')).toBe('xigua')
  expect(normalizeQuery("xi'an")).toBe('xian')
})

describe('over the real dictionary', () => {
  const items = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../server/modules/sorting/data/dataset.json'), 'utf8')) as { items: SortingEntry[] }).items
  const first = (q: string) => searchEntries(items, q)[0]?.entry
  test.each([
    ['xg', '西瓜', 'kitchen'],
    ['xigua', '西瓜', 'kitchen'],
    ['西瓜', '西瓜', 'kitchen'],
    ['dagutou', '大骨头', 'residual'],
    ['ddgt', undefined, undefined],
    ['纽扣电池', '纽扣电池', 'hazardous'],
    ['ganfdianchi', '普通干电池', 'residual'],
    ['naichabei', '奶茶杯', 'residual'],
    ['naichabie', '奶茶杯', 'residual'],
    ['瓜皮', '西瓜皮', 'kitchen'],
  ])('%s → %s', (q, name, category) => {
    const hit = first(q)
    expect(hit?.name).toBe(name)
    expect(hit?.category).toBe(category)
  })
  test('every item is found first by its own name', () => {
    for (const item of items) expect(first(item.name)?.name).toBe(item.name)
  })
})
