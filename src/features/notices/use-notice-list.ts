import { useCallback, useRef, useState } from 'react'
import type { NoticeCategory, NoticeList } from '@contract/notices'
import { listNotices } from './api/list-notices'

type Item = NoticeList['items'][number]

/** One list of notices with its filters and keyset paging; a new filter starts again from the first page. */
export function useNoticeList() {
  const [items, setItems] = useState<Item[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const filters = useRef<{ category: NoticeCategory | null; q: string; archive: boolean }>({ category: null, q: '', archive: false })
  const generation = useRef(0)

  const load = useCallback(async (reset: boolean) => {
    const gen = reset ? ++generation.current : generation.current
    setLoading(true)
    try {
      const page = await listNotices({ ...filters.current, cursor: reset ? null : cursor })
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
  }, [cursor])

  const setFilters = (next: Partial<typeof filters.current>) => {
    filters.current = { ...filters.current, ...next }
    return load(true)
  }

  return { items, hasMore: cursor !== null, loading, loaded, error, filters: filters.current, reload: () => load(true), loadMore: () => load(false), setFilters }
}
