// Garbage sorting: canonical categories (never change), the labels each city's rules give them, bin colours.
// Plain constants only: the app imports this file, so no typebox here (schemas are in schemas/sorting.ts).
import type { CityRule } from './identity'

export const CATEGORY_IDS = ['recyclable', 'hazardous', 'kitchen', 'residual'] as const
export type CategoryId = (typeof CATEGORY_IDS)[number]

/** Shanghai's own names, and the national GB/T 19095-2019 names. */
export const CATEGORY_LABELS: Record<CityRule, Record<CategoryId, string>> = {
  shanghai: { recyclable: '可回收物', hazardous: '有害垃圾', kitchen: '湿垃圾', residual: '干垃圾' },
  national: { recyclable: '可回收物', hazardous: '有害垃圾', kitchen: '厨余垃圾', residual: '其他垃圾' },
}

/**
 * The standard bin colours (recyclable blue, hazardous red, kitchen green, residual grey-black), darkened enough that
 * white text on them has at least 4.5:1 contrast: #1D5FA8 6.5:1, #C62828 5.6:1, #2E7D32 5.1:1, #3A4A52 9.4:1.
 */
export const CATEGORY_COLORS: Record<CategoryId, { color: string; textColor: string }> = {
  recyclable: { color: '#1D5FA8', textColor: '#FFFFFF' },
  hazardous: { color: '#C62828', textColor: '#FFFFFF' },
  kitchen: { color: '#2E7D32', textColor: '#FFFFFF' },
  residual: { color: '#3A4A52', textColor: '#FFFFFF' },
}

/** A one-character badge shown on the bin colour (no emoji: they render differently on every phone). */
export function categoryIcon(city: CityRule, category: CategoryId): string {
  if (category === 'recyclable') return '收'
  if (category === 'hazardous') return '害'
  return CATEGORY_LABELS[city][category].slice(0, 1)
}

export interface CategoryInfo {
  id: CategoryId
  label: string
  color: string
  textColor: string
  icon: string
}

export function categoryInfo(city: CityRule, category: CategoryId): CategoryInfo {
  return { id: category, label: CATEGORY_LABELS[city][category], ...CATEGORY_COLORS[category], icon: categoryIcon(city, category) }
}

export function categoriesFor(city: CityRule): CategoryInfo[] {
  return CATEGORY_IDS.map((c) => categoryInfo(city, c))
}

export const DEFAULT_CITY: CityRule = 'shanghai'

/** Schedule limits, shared by the server's validation and the staff form. */
export const SCHEDULE_LIMITS = { maxSlots: 6, maxPlaceLength: 60, maxNoteLength: 200 } as const
export const ITEM_LIMITS = { maxNameLength: 20, maxAliases: 5, maxTipLength: 80, maxQueryLength: 30 } as const
