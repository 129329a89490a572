import { AppError } from './errors'

/**
 * Keyset pagination: a cursor is the sort key of the last item of a page, opaque to the client
 * (base64url JSON). Lists never use OFFSET.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

/** Decodes a cursor made by encodeCursor; `shape` names the expected types, e.g. ['number', 'string']. */
export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = null
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length || parsed.some((v, i) => typeof v !== shape[i] || (typeof v === 'string' && v.length > 100))) {
    throw new AppError(400, 'VALIDATION_FAILED', '翻页参数无效，请从第一页重新加载')
  }
  return parsed as (string | number)[]
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null }
}
