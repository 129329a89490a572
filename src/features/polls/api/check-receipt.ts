import { api } from '@/api/client'

export async function checkReceipt(id: number, code: string): Promise<boolean> {
  return (await api.get<{ counted: boolean }>(`/polls/${id}/receipts/${encodeURIComponent(code.trim())}`)).data.counted
}
