import { LEGAL_CONDITION_LABELS } from '@contract/polls'
import type { PollResults } from '@contract/schemas/polls'

type Condition = NonNullable<PollResults['legal']>['conditions'][number]

/** "参与表决面积 71.2%（需≥66.7%）✔" — the exact decision is the server's `met`, computed without rounding. */
export function conditionLine(c: Condition): string {
  return `${LEGAL_CONDITION_LABELS[c.name]} ${c.value}%（需${c.op === '>=' ? '≥' : '>'}${c.required}%）${c.met ? '✔' : '✘'}`
}

export function conditionNumbers(c: Condition): string {
  return c.unit === 'area' ? `${c.numerator.toFixed(2)} / ${c.denominator.toFixed(2)} m²` : `${c.numerator} / ${c.denominator} 人`
}

export function verdictLine(legal: NonNullable<PollResults['legal']>): string {
  if (legal.passed) return '表决通过'
  if (!legal.quorumMet) return '未通过：参与表决的业主不足法定比例'
  return '未通过：同意的业主不足法定比例'
}

/** Share of a total as a percentage for a bar width (display only). */
export function share(part: number, total: number): number {
  return total > 0 ? Math.round((part * 1000) / total) / 10 : 0
}
