import { APPROVE_LABELS, type PollAction } from '../../../types/polls'
import type { CreatePoll, Poll } from '../../../types/schemas/polls'
import { isRepOf, type Actor } from '../../authz'
import type { Deps } from '../../context'
import type { Tx } from '../../db'
import { AppError, forbidden, notFound } from '../../errors'
import { audit } from '../../lib/audit'
import { buildingsIn } from '../community/repo'
import { loadVisible, partiesOf, type Scope } from './access'
import { announceOpened, announceResults } from './notify'
import { getPoll } from './read'
import * as repo from './repo'
import type { PollRow } from './repo'
import { decide } from './state-machine'

/** Creating a poll and moving it through the life-cycle table (types/polls.ts). */

function badRequest(message: string) {
  return new AppError(400, 'VALIDATION_FAILED', message)
}

const iso = (text: string) => new Date(text).toISOString()

/** The community the poll belongs to: staff create for theirs, a representative only for buildings they represent. */
function communityFor(actor: Actor, buildingIds: number[]): number {
  const staffGrant = actor.roles.find((r) => r.role === 'staff' || r.role === 'admin')
  if (staffGrant) return staffGrant.communityId
  const reps = actor.roles.filter((r) => r.role === 'rep')
  if (reps.length === 0) throw forbidden('只有楼栋长、物业或管理员可以发起投票')
  if (buildingIds.length === 0) throw forbidden('楼栋长只能为自己负责的楼栋发起投票，请选择楼栋')
  const communityId = reps[0]!.communityId
  if (!buildingIds.every((b) => isRepOf(actor, communityId, b))) throw forbidden('楼栋长只能为自己负责的楼栋发起投票')
  return communityId
}

/** The option labels and how many may be chosen, or a 400 saying what is wrong with the form. */
function optionsFor(input: CreatePoll): { labels: string[]; maxChoices: number } {
  if (input.kind === 'approve') {
    if (input.options !== undefined) throw badRequest('表决类投票的选项固定为“同意、反对、弃权”，不需要填写选项')
    if (input.maxChoices !== undefined && input.maxChoices !== 1) throw badRequest('表决类投票只能选一项')
    return { labels: [...APPROVE_LABELS], maxChoices: 1 }
  }
  const labels = (input.options ?? []).map((o) => o.trim())
  if (labels.length < 2) throw badRequest('至少需要 2 个选项')
  if (labels.some((l) => l.length === 0)) throw badRequest('选项不能为空')
  if (new Set(labels).size !== labels.length) throw badRequest('选项不能重复')
  if (input.kind === 'single') {
    if (input.maxChoices !== undefined && input.maxChoices !== 1) throw badRequest('单选投票只能选一项')
    return { labels, maxChoices: 1 }
  }
  const maxChoices = input.maxChoices ?? labels.length
  if (maxChoices < 2 || maxChoices > labels.length) throw badRequest(`最多可选项数应在 2 到 ${labels.length} 之间`)
  return { labels, maxChoices }
}

export async function createPoll(deps: Deps, actor: Actor, input: CreatePoll): Promise<Poll> {
  const now = deps.now().toISOString()
  const closesAt = iso(input.closesAt)
  const opensAt = input.opensAt ? iso(input.opensAt) : null
  if (closesAt <= now) throw new AppError(422, 'INVALID_SCHEDULE', '截止时间必须晚于现在')
  if (opensAt && opensAt >= closesAt) throw new AppError(422, 'INVALID_SCHEDULE', '开始时间必须早于截止时间')

  const buildingIds = [...new Set(input.buildingIds ?? [])]
  const communityId = communityFor(actor, buildingIds)
  const { labels, maxChoices } = optionsFor(input)
  if (input.legalRule !== 'none') {
    if (input.kind !== 'approve') throw badRequest('业主共同决定事项必须使用“同意/反对/弃权”表决')
    if (input.voters !== 'owners') throw badRequest('业主共同决定事项只能由业主投票')
  }
  if (input.title.trim().length === 0) throw badRequest('请填写标题')

  const id = await deps.db.transaction().execute(async (tx) => {
    const found = await buildingsIn(tx, communityId, buildingIds)
    if (found.length !== buildingIds.length) throw badRequest('所选楼栋不存在')
    const pollId = await repo.insertPoll(tx, {
      community_id: communityId,
      title: input.title.trim(),
      description: input.description ?? '',
      kind: input.kind,
      max_choices: maxChoices,
      legal_rule: input.legalRule,
      voters: input.voters,
      secret: input.secret ? 1 : 0,
      results_visibility: input.resultsVisibility,
      status: 'draft',
      opens_at: opensAt,
      closes_at: closesAt,
      created_by: actor.userId,
      created_at: now,
    })
    await repo.insertOptions(tx, pollId, labels)
    await repo.insertPollBuildings(tx, pollId, buildingIds)
    await audit(tx, { actorId: actor.userId, communityId, action: 'poll.create', target: `poll:${pollId}`, detail: { kind: input.kind, legalRule: input.legalRule, buildingIds }, at: now })
    return pollId
  })
  return getPoll(deps, actor, id)
}

interface Step {
  reason?: string
  /** What the audit log keeps besides the action. */
  detail?: Record<string, unknown>
  /** More work in the same transaction, once the poll has moved. */
  then?: (tx: Tx, poll: PollRow, scope: Scope, at: Date) => Promise<void>
}

/**
 * Decides with the table, then writes only if the poll is still where the decision found it. When someone else
 * moved it in between, the decision is taken again on the poll as it is now, so the refusal says why.
 */
async function act(deps: Deps, actor: Actor, id: number, action: PollAction, step: Step): Promise<Poll> {
  const { poll, scope } = await loadVisible(deps, actor, id)
  const parties = partiesOf(actor, poll, scope)
  const now = deps.now()
  const at = now.toISOString()
  const decision = decide(poll, action, parties, step, now)
  await deps.db.transaction().execute(async (tx) => {
    if ((await repo.transition(tx, id, decision.stillIn, at, decision.changes)) === 0) {
      const current = await repo.findPoll(tx, id)
      if (!current) throw notFound('投票不存在')
      decide(current, action, parties, step, now)
      throw new AppError(409, 'CONFLICT')
    }
    await step.then?.(tx, poll, scope, now)
    await audit(tx, { actorId: actor.userId, communityId: poll.community_id, action: `poll.${action}`, target: `poll:${id}`, detail: step.detail, at })
  })
  return getPoll(deps, actor, id)
}

export async function openPoll(deps: Deps, actor: Actor, id: number): Promise<Poll> {
  return act(deps, actor, id, 'open', { then: (tx, poll, scope, at) => announceOpened(tx, poll, scope.buildingIds, at) })
}

/** Closes early; the results are announced in the same transaction. */
export async function closePoll(deps: Deps, actor: Actor, id: number, reason: string | undefined): Promise<Poll> {
  return act(deps, actor, id, 'close', { reason, detail: { reason: reason ?? null }, then: (tx, poll, scope, at) => announceResults(tx, poll, scope.buildingIds, at) })
}

/** Cancelled polls keep their ballots for the record. */
export async function cancelPoll(deps: Deps, actor: Actor, id: number, reason: string): Promise<Poll> {
  return act(deps, actor, id, 'cancel', { reason, detail: { reason } })
}
