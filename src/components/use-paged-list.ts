import { useCallback, useRef, useState } from 'react'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/**
 * One keyset-paged list with its filters: a new filter starts again from the first page, and an answer that
 * arrives after a newer request has been made is dropped (so a slow first load never overwrites a filtered one).
 */
export function usePagedList<Q extends object, T extends { id: number }>(fetchPage: (query: Q & { cursor?: string | null }) => Promise<Page<T>>, initial: Q) {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [query, setQuery] = useState<Q>(initial)
  const queryRef = useRef(initial)
  const generation = useRef(0)

  const load = useCallback(
    async (reset: boolean) => {
      const gen = reset ? ++generation.current : generation.current
      setLoading(true)
      try {
        const page = await fetchPage({ ...queryRef.current, cursor: reset ? null : cursor })
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
    [cursor, fetchPage],
  )

  const setFilters = (next: Partial<Q>) => {
    queryRef.current = { ...queryRef.current, ...next }
    setQuery(queryRef.current)
    return load(true)
  }

  const patch = (id: number, changes: Partial<T>) => setItems((prev) => prev.map((i) => (i.id === id ? { ...i, ...changes } : i)))

  return { items, hasMore: cursor !== null, loading, loaded, error, query, reload: () => load(true), loadMore: () => load(false), setFilters, patch }
}
