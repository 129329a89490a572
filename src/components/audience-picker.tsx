import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Me } from '@contract/schemas/identity'
import { listBuildings } from '@/api/list-buildings'
import { a11y } from './a11y'

type Building = { id: number; name: string }

/**
 * Who a notice or poll goes to. Staff choose buildings or none (= the whole community); a representative only
 * sees their own buildings, and choosing none means all of them.
 */
export function useAudience(me: Me | null) {
  const isStaff = !!me?.roles.some((r) => r.role === 'staff' || r.role === 'admin')
  const own = me?.roles.filter((r) => r.role === 'rep').map((r) => r.buildingId) ?? []
  const [buildings, setBuildings] = useState<Building[]>([])
  const [chosen, setChosen] = useState<number[]>([])
  useEffect(() => {
    listBuildings().then(setBuildings, () => setBuildings([]))
  }, [])
  const selectable = isStaff ? buildings : buildings.filter((b) => own.includes(b.id))
  const buildingIds = chosen.length ? chosen : isStaff ? [] : selectable.map((b) => b.id)
  const toggle = (id: number) => setChosen((prev) => (prev.includes(id) ? prev.filter((b) => b !== id) : [...prev, id]))
  return { isStaff, selectable, chosen, buildingIds, toggle }
}

export type Audience = ReturnType<typeof useAudience>

export interface AudiencePickerProps {
  audience: Audience
}

export function AudiencePicker({ audience: a }: AudiencePickerProps) {
  return (
    <View>
      <Text className='ll-text ll-text--muted'>{a.isStaff ? (a.chosen.length ? '只发给选中的楼栋' : '不选楼栋即发给全小区') : '楼栋长只能发给自己负责的楼栋'}</Text>
      <View className='ll-choices' {...a11y('group', '楼栋', false)}>
        {a.selectable.map((b) => {
          const on = a.buildingIds.includes(b.id)
          return (
            <View key={b.id} className={`ll-choice${on ? ' ll-choice--on' : ''}`} {...a11y('checkbox', b.name)} aria-checked={on ? 'true' : 'false'} onClick={() => a.toggle(b.id)}>
              {b.name}
            </View>
          )
        })}
      </View>
    </View>
  )
}
