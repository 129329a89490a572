import Taro from '@tarojs/taro'
import type { Dataset } from '@contract/schemas/sorting'
import { getDataset } from './api/get-dataset'

const STORAGE_KEY = 'll-sorting-dataset-v1'

interface Stored {
  etag: string | null
  dataset: Dataset
}

/**
 * The dictionary lives here, in a module variable, never in page state: setData would copy ~1,600 entries to the
 * view layer on every render. Pages keep only the ≤ 20 hits of the current query.
 */
let current: Stored | null = null
let loading: Promise<Dataset | null> | null = null

export function currentDataset(): Dataset | null {
  return current?.dataset ?? null
}

function readStored(): Stored | null {
  try {
    const value = Taro.getStorageSync(STORAGE_KEY) as Stored | ''
    return value && value.dataset && Array.isArray(value.dataset.items) ? value : null
  } catch {
    return null
  }
}

/**
 * Loads the stored copy (works offline), then asks the server whether it changed (If-None-Match); downloads the
 * dictionary again only when its version or the city's labels differ. Resolves with whatever is usable.
 */
export function loadDataset(): Promise<Dataset | null> {
  loading ??= (async () => {
    current ??= readStored()
    try {
      const fresh = await getDataset(current?.etag ?? null)
      if (fresh) {
        current = fresh
        Taro.setStorage({ key: STORAGE_KEY, data: fresh }).catch(() => undefined)
      }
    } catch {
      // No network: the stored copy keeps working.
    } finally {
      loading = null
    }
    return current?.dataset ?? null
  })()
  return loading
}
