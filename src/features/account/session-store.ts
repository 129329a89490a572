import { useSyncExternalStore } from 'react'
import type { Me } from '@contract/schemas/identity'
import { getToken } from '@/api/token'
import { fetchMe } from './api/get-me'

/** The signed-in person, shared by every page (pages are separate roots in the mini-program). */
let me: Me | null = null
const listeners = new Set<() => void>()

function emit() {
  for (const l of listeners) l()
}

export function setMe(next: Me | null): void {
  me = next
  emit()
}

export async function refreshMe(): Promise<Me | null> {
  if (!getToken()) {
    setMe(null)
    return null
  }
  setMe(await fetchMe())
  return me
}

export function useMe(): Me | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => me,
    () => me,
  )
}

export function isCareMode(): boolean {
  return me?.user.careMode ?? false
}
