import { areaFromCenti } from '../../../types/format'
import { LEGAL_CONDITION_LABELS, POLL_STATUS_LABELS, type PollStatus } from '../../../types/polls'
import type { PollResults } from '../../../types/schemas/polls'
import type { Actor } from '../../authz'
import type { Deps } from '../../context'
import type { Queryable } from '../../db'
import { AppError } from '../../errors'
import { csvDocument } from '../../lib/csv'
import { householdsInScope } from '../community/repo'
import { loadVisible, resultsAvailable, type Scope } from './access'
import { parseChoices } from './ballots'
import * as repo from './repo'
import type { PollRow } from './repo'
import { notOpen, statusOf } from './state-machine'
import { tally } from './tally'

const pct = (n: number, d: number) => (d > 0 ? Math.round((n * 1000) / d) / 10 : 0)

async function computeResults(db: Queryable, poll: PollRow, scope: Scope, status: PollStatus) {
  const [households, ballots, options] = await Promise.all([householdsInScope(db, poll.community_id, scope.buildingIds), repo.ballotsOf(db, poll.id), repo.optionsOf(db, poll.id)])
  const t = tally({
    households: households.map((h) => ({ id: h.id, areaCenti: h.area_centi, ownerKey: h.owner_key })),
    ballots: ballots.map((b) => ({ householdId: b.household_id, choices: parseChoices(b.choices) })),
    optionIds: options.map((o) => o.id),
    legalRule: poll.legal_rule,
    agreeOptionId: poll.kind === 'approve' ? options[0]?.id : undefined,
  })
  const final = status === 'closed' || status === 'cancelled'
  const labels = new Map(options.map((o) => [o.id, o.label]))
  const results: PollResults = {
    pollId: poll.id,
    status,
    final,
    turnout: {
      households: t.turnout.households,
      eligibleHouseholds: t.turnout.eligibleHouseholds,
      owners: t.turnout.owners,
      eligibleOwners: t.turnout.eligibleOwners,
      area: areaFromCenti(t.turnout.areaCenti),
      eligibleArea: areaFromCenti(t.turnout.eligibleAreaCenti),
    },
    options: t.options.map((o) => ({ id: o.id, label: labels.get(o.id)!, households: o.households, owners: o.owners, area: areaFromCenti(o.areaCenti) })),
  }
  if (t.legal) {
    results.legal = {
      ...t.legal,
      conditions: t.legal.conditions.map((c) => ({
        name: c.name,
        value: pct(c.numerator, c.denominator),
        required: Math.round((c.num * 1000) / c.den) / 10,
        fraction: `${c.num}/${c.den}`,
        op: c.op,
        numerator: c.unit === 'area' ? areaFromCenti(c.numerator) : c.numerator,
        denominator: c.unit === 'area' ? areaFromCenti(c.denominator) : c.denominator,
        unit: c.unit,
        met: c.met,
      })),
    }
  }
  if (final && poll.secret === 0) {
    const places = new Map(households.map((h) => [h.id, h]))
    results.ballots = ballots
      .filter((b) => places.has(b.household_id))
      .map((b) => {
        const h = places.get(b.household_id)!
        return { householdId: h.id, building: h.building, unit: h.unit, room: h.room, choices: parseChoices(b.choices), channel: b.channel }
      })
  }
  return results
}

export async function getResults(deps: Deps, actor: Actor, id: number): Promise<PollResults> {
  const { poll, scope } = await loadVisible(deps, actor, id)
  const status = statusOf(poll, deps.now().toISOString())
  if (status === 'draft') throw notOpen(status)
  if (!resultsAvailable(poll, status)) throw new AppError(409, 'POLL_RESULTS_HIDDEN')
  return computeResults(deps.db, poll, scope, status)
}

/** The public record (公示): totals, the legal verdict and, for a named poll after closing, each household's vote. No names, no phones. */
export async function resultsCsv(deps: Deps, actor: Actor, id: number): Promise<string> {
  const r = await getResults(deps, actor, id)
  const poll = (await repo.findPoll(deps.db, id))!
  const labels = new Map(r.options.map((o) => [o.id, o.label]))
  const rows: (string | number)[][] = [
    ['投票', poll.title],
    ['状态', POLL_STATUS_LABELS[r.status]],
    ['截止时间', poll.closes_at],
    [],
    ['参与户数', r.turnout.households, '应投户数', r.turnout.eligibleHouseholds],
    ['参与人数', r.turnout.owners, '业主人数', r.turnout.eligibleOwners],
    ['参与面积(m²)', r.turnout.area.toFixed(2), '总面积(m²)', r.turnout.eligibleArea.toFixed(2)],
    [],
    ['选项', '户数', '人数', '面积(m²)'],
    ...r.options.map((o) => [o.label, o.households, o.owners, o.area.toFixed(2)]),
  ]
  if (r.legal) {
    rows.push([], ['法定条件', '实际', '要求', '是否满足'])
    for (const c of r.legal.conditions) rows.push([LEGAL_CONDITION_LABELS[c.name], `${c.numerator}/${c.denominator} (${c.value}%)`, `${c.op}${c.fraction}`, c.met ? '是' : '否'])
    rows.push(['结论', r.legal.passed ? '通过' : r.legal.quorumMet ? '未通过' : '未达到法定参与比例，未通过'])
  }
  if (r.ballots) {
    rows.push([], ['楼栋', '单元', '房号', '选择', '方式'])
    for (const b of r.ballots) rows.push([b.building, b.unit, b.room, b.choices.map((c) => labels.get(c) ?? '').join('、'), b.channel === 'paper' ? '纸质' : '线上'])
  }
  return csvDocument(rows)
}
