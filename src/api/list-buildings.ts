import type { BuildingList } from '@contract/schemas/identity'
import { api } from '@/api/client'

export async function listBuildings(): Promise<BuildingList['items']> {
  return (await api.get<BuildingList>('/community/buildings')).data.items
}
