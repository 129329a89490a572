import type { Schedule } from '@contract/schemas/sorting'
import { api } from '@/api/client'

export async function getSchedule(): Promise<Schedule> {
  return (await api.get<Schedule>('/sorting/schedule')).data
}
