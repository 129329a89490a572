import fc from 'fast-check'
import { meets, tally, type TallyBallot, type TallyHousehold, type TallyInput } from '../../server/modules/polls/tally'

const AGREE = 1
const AGAINST = 2
const ABSTAIN = 3
const approve = [AGREE, AGAINST, ABSTAIN]

function h(id: number, areaCenti: number, ownerKey = `o${id}`): TallyHousehold {
  return { id, areaCenti, ownerKey }
}
const vote = (householdId: number, choice: number): TallyBallot => ({ householdId, choices: [choice] })

function legal(input: Omit<TallyInput, 'optionIds' | 'agreeOptionId'>) {
  const r = tally({ ...input, optionIds: approve, agreeOptionId: AGREE })
  const byName = Object.fromEntries(r.legal!.conditions.map((c) => [c.name, c]))
  return { r, legal: r.legal!, c: byName }
}

describe('exact comparisons', () => {
  test('a/b against a fraction, at and around the boundary', () => {
    expect(meets(2, 3, 2, 3, '>=')).toBe(true)
    expect(meets(199999, 300000, 2, 3, '>=')).toBe(false)
    expect(meets(1, 2, 1, 2, '>')).toBe(false)
    expect(meets(50001, 100000, 1, 2, '>')).toBe(true)
    expect(meets(3, 4, 3, 4, '>=')).toBe(true)
    expect(meets(74999, 100000, 3, 4, '>=')).toBe(false)
    expect(meets(0, 0, 1, 2, '>=')).toBe(false)
  })
  test('huge areas do not lose precision', () => {
    const big = 2 ** 52
    expect(meets(big * 2, big * 3, 2, 3, '>=')).toBe(true)
    expect(meets(big * 2 - 1, big * 3, 2, 3, '>=')).toBe(false)
  })
})

describe('turnout (quorum) thresholds', () => {
  // h1 area X, h2 and h3 100.00 m²: h1 + h2 vote. Area turnout (X+100)/(X+200) ≥ 2/3 ⇔ X ≥ 100.00.
  test.each([
    [10000, true],
    [9999, false],
    [10001, true],
  ])('area: first unit %p hundredths → area turnout met %p', (x, met) => {
    const { c, legal: l } = legal({ households: [h(1, x), h(2, 10000), h(3, 10000)], ballots: [vote(1, AGREE), vote(2, AGREE)], legalRule: 'ordinary' })
    expect(c.area_turnout!.met).toBe(met)
    expect(c.owner_turnout!.met).toBe(true) // 2 of 3 owners: exactly 2/3
    expect(l.quorumMet).toBe(met)
    expect(l.failed.includes('area_turnout')).toBe(!met)
  })

  test('owners: exactly 2/3 is enough, one fewer is not', () => {
    const households = [1, 2, 3, 4, 5, 6].map((i) => h(i, 10000))
    const four = legal({ households, ballots: [1, 2, 3, 4].map((i) => vote(i, AGREE)), legalRule: 'ordinary' })
    expect(four.c.owner_turnout).toMatchObject({ numerator: 4, denominator: 6, met: true })
    const three = legal({ households, ballots: [1, 2, 3].map((i) => vote(i, AGREE)), legalRule: 'ordinary' })
    expect(three.c.owner_turnout).toMatchObject({ numerator: 3, denominator: 6, met: false })
  })

  test('units with the same owner key are one person in the owner count', () => {
    // o1 owns 3 of 4 units; o2 owns one. Eligible owners: 2. Only o1 votes (3 units, 75% of area).
    const households = [h(1, 10000, 'o1'), h(2, 10000, 'o1'), h(3, 10000, 'o1'), h(4, 10000, 'o2')]
    const { r, c } = legal({ households, ballots: [vote(1, AGREE), vote(2, AGREE), vote(3, AGREE)], legalRule: 'ordinary' })
    expect(r.turnout).toMatchObject({ households: 3, eligibleHouseholds: 4, owners: 1, eligibleOwners: 2 })
    expect(c.area_turnout!.met).toBe(true)
    expect(c.owner_turnout!.met).toBe(false) // 1 of 2 people
  })
})

describe('ordinary: more than half of participating area and owners', () => {
  // Six owners of 100.00 m² all vote (quorum met); the agree side is tuned around one half.
  test.each([
    [3, 0], // exactly half the owners and exactly half the area: not "more than half"
    [3, 1], // area one hundredth over half, owners still exactly half
    [4, 0],
  ])('%p of 6 owners agree, +%p hundredths on an agreeing unit', (agreeCount, extra) => {
    const households = [1, 2, 3, 4, 5, 6].map((i) => h(i, 10000 + (i === 1 ? extra : 0)))
    const ballots = households.map((x, i) => vote(x.id, i < agreeCount ? AGREE : AGAINST))
    const { c, legal: l } = legal({ households, ballots, legalRule: 'ordinary' })
    expect(c.owner_agree!.met).toBe(2 * agreeCount > 6)
    expect(c.area_agree!.met).toBe(2 * (agreeCount * 10000 + extra) > 60000 + extra)
    expect(l.passed).toBe(agreeCount === 4)
  })

  test('area one hundredth over half passes when owners are over half too', () => {
    // 3 people: o1 (100.01 m²) and o2 (50.00) agree, o3 (150.00) disagrees. Area agree 150.01 of 300.01.
    const households = [h(1, 10001), h(2, 5000), h(3, 15000)]
    const ballots = [vote(1, AGREE), vote(2, AGREE), vote(3, AGAINST)]
    expect(legal({ households, ballots, legalRule: 'ordinary' }).legal.passed).toBe(true)
    const exactHalf = [h(1, 10000), h(2, 5000), h(3, 15000)]
    const r = legal({ households: exactHalf, ballots, legalRule: 'ordinary' })
    expect(r.c.area_agree).toMatchObject({ numerator: 15000, denominator: 30000, met: false })
    expect(r.legal.passed).toBe(false)
    expect(r.legal.failed).toEqual(['area_agree'])
  })

  test('abstentions count as taking part', () => {
    const households = [1, 2, 3, 4].map((i) => h(i, 10000))
    const ballots = [vote(1, AGREE), vote(2, AGREE), vote(3, ABSTAIN), vote(4, ABSTAIN)]
    const r = legal({ households, ballots, legalRule: 'ordinary' })
    expect(r.legal.quorumMet).toBe(true)
    expect(r.legal.passed).toBe(false)
  })
})

describe('major: at least three quarters of participating area and owners', () => {
  test.each([
    [30000, 10000, true], // agree area exactly 3/4
    [29999, 10000, false], // one hundredth below 3/4: 29999/39999 < 3/4
    [30000, 10001, false],
  ])('agree area %p vs against %p', (agreeArea, againstArea, passed) => {
    // four people: three agree (areas split evenly-ish), one against
    const a = Math.floor(agreeArea / 3)
    const households = [h(1, a), h(2, a), h(3, agreeArea - 2 * a), h(4, againstArea)]
    const ballots = [vote(1, AGREE), vote(2, AGREE), vote(3, AGREE), vote(4, AGAINST)]
    const r = legal({ households, ballots, legalRule: 'major' })
    expect(r.c.owner_agree).toMatchObject({ numerator: 3, denominator: 4, met: true })
    expect(r.c.area_agree!.met).toBe(passed)
    expect(r.legal.passed).toBe(passed)
  })

  test('owners one below three quarters fails even with all the area', () => {
    const households = [h(1, 100000), h(2, 100), h(3, 100), h(4, 100), h(5, 100), h(6, 100), h(7, 100), h(8, 100)]
    // 5 of 8 agree (< 3/4 = 6), but they hold almost all the area
    const ballots = households.map((x, i) => vote(x.id, i < 5 ? AGREE : AGAINST))
    const r = legal({ households, ballots, legalRule: 'major' })
    expect(r.c.area_agree!.met).toBe(true)
    expect(r.c.owner_agree).toMatchObject({ numerator: 5, denominator: 8, met: false })
    expect(r.legal.failed).toEqual(['owner_agree'])
    const six = legal({ households, ballots: households.map((x, i) => vote(x.id, i < 6 ? AGREE : AGAINST)), legalRule: 'major' })
    expect(six.legal.passed).toBe(true)
  })
})

describe('a person whose units voted differently', () => {
  test('is counted for the choice of the larger part of their voting area', () => {
    const households = [h(1, 12000, 'p'), h(2, 8000, 'p'), h(3, 10000, 'q')]
    const r = tally({ households, ballots: [vote(1, AGREE), vote(2, AGAINST), vote(3, AGAINST)], optionIds: approve, legalRule: 'ordinary', agreeOptionId: AGREE })
    expect(r.options.find((o) => o.id === AGREE)).toMatchObject({ households: 1, owners: 1, areaCenti: 12000 })
    expect(r.options.find((o) => o.id === AGAINST)).toMatchObject({ households: 2, owners: 1, areaCenti: 18000 })
    expect(r.turnout.owners).toBe(2)
  })
  test('an even split counts the person for neither side', () => {
    const households = [h(1, 10000, 'p'), h(2, 10000, 'p')]
    const r = tally({ households, ballots: [vote(1, AGREE), vote(2, AGAINST)], optionIds: approve, legalRule: 'ordinary', agreeOptionId: AGREE })
    expect(r.turnout.owners).toBe(1)
    expect(r.options.map((o) => o.owners)).toEqual([0, 0, 0])
    expect(r.legal!.passed).toBe(false)
  })
})

test('ballots of households outside the scope and repeated ballots are ignored', () => {
  const r = tally({ households: [h(1, 100)], ballots: [vote(1, AGREE), vote(1, AGAINST), vote(9, AGREE)], optionIds: approve, legalRule: 'none' })
  expect(r.turnout.households).toBe(1)
  expect(r.options.map((o) => o.households)).toEqual([1, 0, 0])
  expect(r.legal).toBeUndefined()
})

test('nobody voting: no condition is met and nothing passes', () => {
  const r = legal({ households: [h(1, 100)], ballots: [], legalRule: 'major' })
  expect(r.legal.passed).toBe(false)
  expect(r.legal.failed).toEqual(['area_turnout', 'owner_turnout', 'area_agree', 'owner_agree'])
})

// ---------------------------------------------------------------- property: tally() against a brute-force reference

/** Rational comparison p/q ≥ or > r/s with BigInt cross products, written independently of tally.ts. */
function ratioAtLeast(p: bigint, q: bigint, r: bigint, s: bigint, strict: boolean) {
  if (q === 0n) return false
  return strict ? p * s > r * q : p * s >= r * q
}

function reference(households: TallyHousehold[], ballots: TallyBallot[], optionIds: number[], rule: 'none' | 'ordinary' | 'major') {
  const eligible = new Map(households.map((x) => [x.id, x]))
  const firstBallot = new Map<number, number[]>()
  for (const b of ballots) if (eligible.has(b.householdId) && !firstBallot.has(b.householdId)) firstBallot.set(b.householdId, [...new Set(b.choices)])
  const voters = [...firstBallot.keys()].map((id) => eligible.get(id)!)
  const owners = [...new Set(households.map((x) => x.ownerKey))]
  const votingOwners = owners.filter((o) => voters.some((v) => v.ownerKey === o))
  const options = optionIds.map((id) => {
    const chose = voters.filter((v) => firstBallot.get(v.id)!.includes(id))
    const ownerCount = votingOwners.filter((o) => {
      const mine = voters.filter((v) => v.ownerKey === o)
      const total = mine.reduce((s, v) => s + BigInt(v.areaCenti), 0n)
      const forIt = mine.filter((v) => firstBallot.get(v.id)!.includes(id)).reduce((s, v) => s + BigInt(v.areaCenti), 0n)
      return forIt * 2n > total
    }).length
    return { id, households: chose.length, owners: ownerCount, areaCenti: Number(chose.reduce((s, v) => s + BigInt(v.areaCenti), 0n)) }
  })
  const area = voters.reduce((s, v) => s + BigInt(v.areaCenti), 0n)
  const eligibleArea = households.reduce((s, v) => s + BigInt(v.areaCenti), 0n)
  let passed: boolean | undefined
  let quorum: boolean | undefined
  if (rule !== 'none') {
    const agree = options[0]!
    quorum = ratioAtLeast(area, eligibleArea, 2n, 3n, false) && ratioAtLeast(BigInt(votingOwners.length), BigInt(owners.length), 2n, 3n, false)
    const [r, s, strict] = rule === 'major' ? [3n, 4n, false] : [1n, 2n, true]
    passed = quorum && ratioAtLeast(BigInt(agree.areaCenti), area, r, s, strict) && ratioAtLeast(BigInt(agree.owners), BigInt(votingOwners.length), r, s, strict)
  }
  return { households: voters.length, owners: votingOwners.length, eligibleOwners: owners.length, area: Number(area), options, quorum, passed }
}

test('tally() agrees with a brute-force reference on random polls', () => {
  const poll = fc
    .record({
      n: fc.integer({ min: 1, max: 25 }),
      ownerPool: fc.integer({ min: 1, max: 25 }),
      rule: fc.constantFrom('none' as const, 'ordinary' as const, 'major' as const),
      kind: fc.constantFrom('approve' as const, 'multi' as const),
      seed: fc.array(fc.tuple(fc.integer({ min: 1, max: 20000 }), fc.nat(), fc.nat(), fc.boolean(), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })), { minLength: 25, maxLength: 25 }),
    })
    .map(({ n, ownerPool, rule, kind, seed }) => {
      const households = seed.slice(0, n).map(([area, owner], i) => h(i + 1, area, `k${owner % ownerPool}`))
      const optionIds = kind === 'approve' ? approve : [1, 2, 3, 4]
      const ballots = seed
        .slice(0, n)
        .filter(([, , , votes]) => votes)
        .map(([, , pick, , multi], i) => ({ householdId: i + 1, choices: kind === 'approve' ? [(pick % 3) + 1] : multi }))
      return { households, ballots, optionIds, rule: kind === 'approve' ? rule : ('none' as const) }
    })
  fc.assert(
    fc.property(poll, ({ households, ballots, optionIds, rule }) => {
      const got = tally({ households, ballots, optionIds, legalRule: rule, agreeOptionId: AGREE })
      const want = reference(households, ballots, optionIds, rule)
      expect(got.turnout).toMatchObject({ households: want.households, owners: want.owners, eligibleOwners: want.eligibleOwners, areaCenti: want.area })
      expect(got.options).toEqual(want.options)
      expect(got.legal?.quorumMet).toBe(want.quorum)
      expect(got.legal?.passed).toBe(want.passed)
    }),
    { numRuns: 500 },
  )
})
