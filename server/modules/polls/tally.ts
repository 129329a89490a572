import type { LegalCondition, LegalRule } from '../../../types/polls'

/**
 * The count of a poll, as a pure function of who may vote and the ballots (no database, no floating point).
 *
 * Civil Code Art. 278 (2021):
 * - quorum: the owners who take part hold ≥ 2/3 of the exclusive area AND are ≥ 2/3 of the owners;
 * - `ordinary` items pass with 同意 from > 1/2 of the participating area AND > 1/2 of the participating owners;
 * - `major` items (6–8) need ≥ 3/4 of both.
 *
 * People: every unit is one owner, except that units with the same owner key are one person. Such a person
 * takes part when any of their units voted. When their units voted differently, the person is counted for an
 * option only when the units that chose it hold MORE than half of the person's voting area (so an even split
 * counts the person for neither side, which never helps a motion pass on a tie). Area is always counted per unit.
 *
 * All comparisons are a·d ≥ n·b on integers (areas in hundredths of m²); a condition over an empty
 * denominator (nobody took part) is not met.
 */

export interface TallyHousehold {
  id: number
  areaCenti: number
  ownerKey: string
}

export interface TallyBallot {
  householdId: number
  choices: readonly number[]
}

export interface TallyInput {
  /** Every household that may vote (the poll's scope); ballots of other households are ignored. */
  households: readonly TallyHousehold[]
  ballots: readonly TallyBallot[]
  optionIds: readonly number[]
  legalRule: LegalRule
  /** The 同意 option of an approval poll; needed when legalRule is not `none`. */
  agreeOptionId?: number
}

export interface ConditionResult {
  name: LegalCondition
  numerator: number
  denominator: number
  /** The legal fraction num/den and how it is compared. */
  num: number
  den: number
  op: '>=' | '>'
  unit: 'area' | 'owners'
  met: boolean
}

export interface TallyResult {
  turnout: { households: number; eligibleHouseholds: number; owners: number; eligibleOwners: number; areaCenti: number; eligibleAreaCenti: number }
  options: { id: number; households: number; owners: number; areaCenti: number }[]
  legal?: { rule: 'ordinary' | 'major'; quorumMet: boolean; passed: boolean; conditions: ConditionResult[]; failed: LegalCondition[] }
}

/** numerator/denominator compared with num/den, exactly; false when denominator is 0. */
export function meets(numerator: number, denominator: number, num: number, den: number, op: '>=' | '>'): boolean {
  if (denominator <= 0) return false
  const left = BigInt(numerator) * BigInt(den)
  const right = BigInt(denominator) * BigInt(num)
  return op === '>=' ? left >= right : left > right
}

function condition(name: LegalCondition, unit: 'area' | 'owners', numerator: number, denominator: number, num: number, den: number, op: '>=' | '>'): ConditionResult {
  return { name, unit, numerator, denominator, num, den, op, met: meets(numerator, denominator, num, den, op) }
}

export function tally(input: TallyInput): TallyResult {
  const byId = new Map(input.households.map((h) => [h.id, h]))
  const eligibleOwners = new Set(input.households.map((h) => h.ownerKey)).size
  const eligibleAreaCenti = input.households.reduce((s, h) => s + h.areaCenti, 0)

  const options = new Map(input.optionIds.map((id) => [id, { id, households: 0, owners: 0, areaCenti: 0 }]))
  // per person: the area of their units that voted, and per option the area of their units that chose it
  const people = new Map<string, { votingArea: number; chosen: Map<number, number> }>()
  const seen = new Set<number>()
  let households = 0
  let areaCenti = 0
  for (const b of input.ballots) {
    const h = byId.get(b.householdId)
    if (!h || seen.has(h.id)) continue
    seen.add(h.id)
    households++
    areaCenti += h.areaCenti
    let person = people.get(h.ownerKey)
    if (!person) people.set(h.ownerKey, (person = { votingArea: 0, chosen: new Map() }))
    person.votingArea += h.areaCenti
    for (const choice of new Set(b.choices)) {
      const o = options.get(choice)
      if (!o) continue
      o.households++
      o.areaCenti += h.areaCenti
      person.chosen.set(choice, (person.chosen.get(choice) ?? 0) + h.areaCenti)
    }
  }
  for (const person of people.values()) {
    for (const [optionId, area] of person.chosen) {
      if (2 * area > person.votingArea) options.get(optionId)!.owners++
    }
  }

  const result: TallyResult = {
    turnout: { households, eligibleHouseholds: input.households.length, owners: people.size, eligibleOwners, areaCenti, eligibleAreaCenti },
    options: input.optionIds.map((id) => options.get(id)!),
  }
  if (input.legalRule === 'none') return result

  const agree = input.agreeOptionId === undefined ? undefined : options.get(input.agreeOptionId)
  const agreeArea = agree?.areaCenti ?? 0
  const agreeOwners = agree?.owners ?? 0
  const [num, den, op] = input.legalRule === 'major' ? ([3, 4, '>='] as const) : ([1, 2, '>'] as const)
  const conditions = [
    condition('area_turnout', 'area', areaCenti, eligibleAreaCenti, 2, 3, '>='),
    condition('owner_turnout', 'owners', people.size, eligibleOwners, 2, 3, '>='),
    condition('area_agree', 'area', agreeArea, areaCenti, num, den, op),
    condition('owner_agree', 'owners', agreeOwners, people.size, num, den, op),
  ]
  const quorumMet = conditions[0]!.met && conditions[1]!.met
  return {
    ...result,
    legal: {
      rule: input.legalRule,
      quorumMet,
      passed: conditions.every((c) => c.met),
      conditions,
      failed: conditions.filter((c) => !c.met).map((c) => c.name),
    },
  }
}
