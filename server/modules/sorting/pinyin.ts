import { pinyin } from 'pinyin-pro'

/**
 * Full pinyin (no tones, no spaces, ü as v) and initials of a word, lower-case; digits and Latin letters are kept.
 * The same rule as scripts/build-sorting-data.mjs (tests/unit/sorting-data.test.ts checks the two agree); used for
 * items staff add at run time. The phone never computes pinyin.
 */
export function pinyinKeys(word: string): { pinyin: string; initials: string } {
  const clean = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '')
  return {
    pinyin: clean(pinyin(word, { toneType: 'none', type: 'array', v: true })),
    initials: clean(pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', v: true })),
  }
}
