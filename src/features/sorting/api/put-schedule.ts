import type { PutSchedule, Schedule } from '@contract/schemas/sorting'
import { api } from '@/api/client'

export async function putSchedule(body: PutSchedule): Promise<Schedule> {
  return (await api.put<Schedule>('/sorting/schedule', body)).data
}
