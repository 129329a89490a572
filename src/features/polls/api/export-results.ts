import { api } from '@/api/client'

/** The public record (公示) as CSV text. */
export async function exportResults(id: number): Promise<string> {
  return (await api.get<string>(`/polls/${id}/results.csv`, { responseType: 'text', transformResponse: (d: string) => d })).data
}
