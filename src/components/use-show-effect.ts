import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Runs `effect` when the component appears and every time its page is shown again. useDidShow alone misses the
 * first show of a component that mounts after the page was shown (e.g. once the signed-in person has loaded).
 */
export function useShowEffect(effect: () => void): void {
  const ref = useRef(effect)
  ref.current = effect
  const justMounted = useRef(true)
  useEffect(() => {
    ref.current()
    // The page's own first onShow may still be queued behind this mount: let it pass once.
    const timer = setTimeout(() => (justMounted.current = false), 0)
    return () => clearTimeout(timer)
  }, [])
  useDidShow(() => {
    if (justMounted.current) return
    ref.current()
  })
}
