// Pure helpers shared by app and server (no schema library here, so the app can import them cheaply).

/** Registered area is stored as integer hundredths of a square metre; the API speaks m² with two decimals. */
export function areaFromCenti(centi: number): number {
  return Math.round(centi) / 100
}

/** Parses "89.5" / "89.50" / "120" into hundredths without going through floating point; null when invalid. */
export function parseAreaCenti(text: string): number | null {
  const m = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  const whole = Number(m[1])
  const frac = Number((m[2] ?? '').padEnd(2, '0'))
  const centi = whole * 100 + frac
  return centi > 0 ? centi : null
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '****'
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export interface Place {
  building: string
  unit: string
  room: string
}

/**
 * 1号楼1单元301. `spaced` (1号楼 1单元 301) is for rows in a list, where the parts are read one by one,
 * and is how a home ticket's location text is stored.
 */
export function placeLabel(p: Place, { spaced = false }: { spaced?: boolean } = {}): string {
  const gap = spaced ? ' ' : ''
  return `${p.building}${gap}${p.unit}单元${gap}${p.room}`
}
