import type { WorkerList } from '@contract/schemas/repairs'
import { api } from '@/api/client'

export async function listWorkers(): Promise<WorkerList['items']> {
  return (await api.get<WorkerList>('/repairs/workers')).data.items
}
