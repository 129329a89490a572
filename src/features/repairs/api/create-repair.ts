import type { CreateRepair, RepairTicket } from '@contract/schemas/repairs'
import { api } from '@/api/client'

/** `key` is generated once per filled-in form, so a double tap or a retry makes one ticket. */
export async function createRepair(input: CreateRepair, key: string): Promise<RepairTicket> {
  return (await api.post<RepairTicket>('/repairs', input, { headers: { 'Idempotency-Key': key } })).data
}

export function newIdempotencyKey(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}
