import { useEffect, useMemo, useState } from 'react'
import type { CityRule } from '@contract/identity'
import type { CategoryInfo } from '@contract/sorting'
import { searchEntries, type SearchHit } from '@contract/sorting-search'
import { currentDataset, loadDataset } from './dataset-store'

export type DatasetStatus = 'loading' | 'ready' | 'offline-empty'

/** Loads the dictionary once per app run and exposes the city and its categories (small). */
export function useSortingDataset() {
  const [status, setStatus] = useState<DatasetStatus>(currentDataset() ? 'ready' : 'loading')
  const [meta, setMeta] = useState<{ city: CityRule; categories: CategoryInfo[]; version: string; count: number } | null>(null)
  useEffect(() => {
    let alive = true
    loadDataset().then((d) => {
      if (!alive) return
      setStatus(d ? 'ready' : 'offline-empty')
      if (d) setMeta({ city: d.city, categories: d.categories, version: d.version, count: d.items.length })
    })
    return () => {
      alive = false
    }
  }, [])
  return { status, meta }
}

/** Searches the local dictionary on every keystroke; only the hits (≤ 20) reach React state. */
export function useLocalSearch(query: string, version: string | undefined): SearchHit[] {
  return useMemo(() => {
    const dataset = currentDataset()
    return dataset && version ? searchEntries(dataset.items, query) : []
  }, [query, version])
}
