import { useCallback, useRef, useState } from 'react'
import type { RepairList } from '@contract/repairs'
import { listRepairs, type RepairQuery } from './api/list-repairs'

type Item = RepairList['items'][number]

/** One list of tickets with its filters and keyset paging; changing a filter starts again from the first page. */
export function useRepairList(initial: RepairQuery) {
  const [items, setItems] = useState<Item[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [query, setQuery] = useState<RepairQuery>(initial)
  const queryRef = useRef(initial)
  const generation = useRef(0)

  const load = useCallback(
    async (reset: boolean) => {
      const gen = reset ? ++generation.current : generation.current
      setLoading(true)
      try {
        const page = await listRepairs({ ...queryRef.current, cursor: reset ? null : cursor })
        if (gen !== generation.current) return
        setItems((prev) => (reset ? page.items : [...prev, ...page.items]))
        setCursor(page.nextCursor)
        setError(null)
      } catch (err) {
        if (gen === generation.current) setError(err)
      } finally {
        if (gen === generation.current) {
          setLoading(false)
          setLoaded(true)
        }
      }
    },
    [cursor],
  )

  const setFilters = (next: Partial<RepairQuery>) => {
    queryRef.current = { ...queryRef.current, ...next }
    setQuery(queryRef.current)
    return load(true)
  }

  const patch = (id: number, changes: Partial<Item>) => setItems((prev) => prev.map((i) => (i.id === id ? { ...i, ...changes } : i)))

  return { items, hasMore: cursor !== null, loading, loaded, error, query, reload: () => load(true), loadMore: () => load(false), setFilters, patch }
}
