import fs from 'node:fs'
import path from 'node:path'
import { pinyinKeys } from '../../server/modules/sorting/pinyin'
import { CATEGORY_IDS, type CategoryId } from '../../types/sorting'
import type { SortingEntry } from '../../types/sorting-search'

const dir = path.resolve(__dirname, '../../server/modules/sorting/data')
const dataset = JSON.parse(fs.readFileSync(path.join(dir, 'dataset.json'), 'utf8')) as { version: string; items: SortingEntry[] }
const sourceLines = fs
  .readFileSync(path.join(dir, 'items.source.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))


test('the dictionary has at least 1,500 items and the built dataset matches the source file line for line', () => {
  expect(dataset.items.length).toBeGreaterThanOrEqual(1500)
  expect(dataset.items).toHaveLength(sourceLines.length)
  sourceLines.forEach((line, i) => {
    const [name, category, aliases = '', tip = ''] = line.split('\t')
    const item = dataset.items[i]!
    expect({ name: item.name, category: item.category, aliases: item.aliases.join('|'), tip: item.tip ?? '' }).toEqual({ name, category, aliases, tip })
  })
  expect(dataset.version).toMatch(/^[0-9a-f]{16}$/)
})

test('no name or alias appears twice, and none is empty or padded', () => {
  const seen = new Map<string, string>()
  for (const item of dataset.items) {
    for (const word of [item.name, ...item.aliases]) {
      expect(word.trim()).toBe(word)
      expect(word.length).toBeGreaterThan(0)
      if (seen.has(word)) throw new Error(`${word} appears on ${seen.get(word)} and ${item.name}`)
      seen.set(word, item.name)
    }
  }
})

test('every item has a valid category and every category is well represented', () => {
  const counts = new Map<CategoryId, number>()
  for (const item of dataset.items) {
    expect(CATEGORY_IDS).toContain(item.category)
    counts.set(item.category, (counts.get(item.category) ?? 0) + 1)
  }
  for (const c of CATEGORY_IDS) expect(counts.get(c)).toBeGreaterThanOrEqual(100)
})

test('pinyin and initials are present for the name and every alias and match pinyin-pro', () => {
  for (const item of dataset.items) {
    const words = [item.name, ...item.aliases]
    expect(item.pinyin).toHaveLength(words.length)
    expect(item.initials).toHaveLength(words.length)
    words.forEach((w, i) => {
      const k = pinyinKeys(w)
      expect(item.pinyin[i]).toMatch(/^[a-z0-9]+$/)
      expect([w, item.pinyin[i], item.initials[i]]).toEqual([w, k.pinyin, k.initials])
    })
  }
})

test('tricky items are in the right bin', () => {
  const byName = new Map(dataset.items.map((i) => [i.name, i]))
  const expected: [string, CategoryId][] = [
    ['大骨头', 'residual'],
    ['鸡骨头', 'kitchen'],
    ['鱼骨', 'kitchen'],
    ['用过的纸巾', 'residual'],
    ['奶茶杯', 'residual'],
    ['普通干电池', 'residual'],
    ['充电电池', 'hazardous'],
    ['纽扣电池', 'hazardous'],
    ['荧光灯管', 'hazardous'],
    ['节能灯', 'hazardous'],
    ['过期药品', 'hazardous'],
    ['水银温度计', 'hazardous'],
    ['油漆', 'hazardous'],
    ['榴莲壳', 'residual'],
    ['椰子壳', 'residual'],
    ['贝壳', 'residual'],
    ['蟹壳', 'kitchen'],
    ['西瓜皮', 'kitchen'],
    ['蛋壳', 'kitchen'],
    ['陶瓷碗', 'residual'],
    ['烟头', 'residual'],
    ['猫砂', 'residual'],
    ['尿不湿', 'residual'],
    ['塑料袋', 'residual'],
    ['快递纸箱', 'recyclable'],
    ['利乐包', 'recyclable'],
    ['易拉罐', 'recyclable'],
    ['玻璃瓶', 'recyclable'],
    ['旧衣服', 'recyclable'],
    ['电饭煲', 'recyclable'],
    ['旧手机', 'recyclable'],
    ['茶叶渣', 'kitchen'],
    ['咖啡渣', 'kitchen'],
    ['西瓜', 'kitchen'],
  ]
  for (const [name, category] of expected) expect([name, byName.get(name)?.category]).toEqual([name, category])
  // The often-confused ones carry a tip.
  for (const name of ['大骨头', '普通干电池', '充电电池', '纽扣电池', '奶茶杯', '用过的纸巾']) expect(byName.get(name)?.tip).toMatch(/\S/)
  expect(byName.get('奶茶杯')!.tip).toMatch(/倒/)
})
