import type { Generated } from 'kysely'
import type { CategoryId } from '../../../types/sorting'

export interface SortingItemTable {
  id: Generated<number>
  /** 0 for the built-in dictionary; otherwise the compound whose staff added the item. */
  community_id: number
  name: string
  category: CategoryId
  /** JSON arrays of strings; pinyin/initials hold the name's first, then each alias's. */
  aliases: string
  tip: string | null
  pinyin: string
  initials: string
  position: number
  created_by: number | null
  created_at: string
}

export interface SortingScheduleTable {
  id: Generated<number>
  community_id: number
  /** JSON [{start:"07:00", end:"09:00"}] in Asia/Shanghai wall-clock time. */
  slots: string
  /** JSON ["3号楼东侧"] */
  places: string
  note: string
  updated_by: number | null
  updated_at: string
}

export interface SortingMissTable {
  id: Generated<number>
  community_id: number
  query: string
  count: number
  last_at: string
}
