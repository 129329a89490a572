import { useLoad } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { errorMessage } from '@/api/client'

/**
 * The record a detail page shows: the id from the page's query, its first load, and reloads after an action.
 * An answer that arrives after a newer request was made is dropped, so a slow first load never overwrites a refresh;
 * an answer that succeeds clears an earlier failure.
 */
export function useDetail<T>(fetch: (id: number) => Promise<T>, notFound: string) {
  const [id, setId] = useState(0)
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const idRef = useRef(0)
  const generation = useRef(0)

  const refresh = async (): Promise<void> => {
    const gen = ++generation.current
    try {
      const next = await fetchRef.current(idRef.current)
      if (gen === generation.current) {
        setData(next)
        setError(null)
      }
    } catch (err) {
      if (gen === generation.current) setError(errorMessage(err))
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const n = Number(params.id)
    if (!Number.isInteger(n) || n <= 0) {
      setError(notFound)
      return
    }
    idRef.current = n
    setId(n)
    void refresh()
  })

  // A reload that fails after the record was shown keeps the last answer on screen (the action that caused it has said
  // what went wrong); only a record that never loaded is an error page.
  const shownError = data === null ? error : null
  return { id, data, error: shownError, loading: data === null && error === null, refresh, setData }
}
