import type { Dataset } from '@contract/schemas/sorting'
import { api } from '@/api/client'

/** The whole dictionary; null when the server says the copy we hold (its ETag) is still current (304). */
export async function getDataset(etag: string | null): Promise<{ etag: string | null; dataset: Dataset } | null> {
  const res = await api.get<Dataset>('/sorting/dataset', {
    headers: etag ? { 'If-None-Match': etag } : {},
    validateStatus: (s) => s === 200 || s === 304,
  })
  if (res.status === 304) return null
  const header = res.headers['etag']
  return { etag: typeof header === 'string' ? header : null, dataset: res.data }
}
