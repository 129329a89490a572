import type { Tx } from '../../db'
import { enqueueNotifications, type NotificationKind } from '../../outbox'
import { beijingTime } from '../../time'
import { householdsInScope, membersOf } from '../community/repo'
import * as repo from './repo'
import type { PollRow } from './repo'

/**
 * The messages a poll sends, each in the caller's transaction, to the people who may vote: every member of a
 * household in scope, or only the owners when only owners vote.
 */

async function tell(tx: Tx, poll: PollRow, householdIds: number[], message: { kind: NotificationKind; title: string; body: string }, at: Date) {
  const members = await membersOf(tx, householdIds)
  const userIds = [...new Set(members.filter((m) => poll.voters === 'members' || m.relation === 'owner').map((m) => m.user_id))]
  await enqueueNotifications(
    tx,
    userIds.map((userId) => ({ userId, communityId: poll.community_id, ...message, link: `/pages/polls/detail?id=${poll.id}` })),
    at,
  )
}

async function householdIdsOf(tx: Tx, poll: PollRow, buildingIds: number[]) {
  return (await householdsInScope(tx, poll.community_id, buildingIds)).map((h) => h.id)
}

export async function announceOpened(tx: Tx, poll: PollRow, buildingIds: number[], at: Date) {
  await tell(tx, poll, await householdIdsOf(tx, poll, buildingIds), { kind: 'poll.opened', title: `新投票：${poll.title}`, body: `请在 ${beijingTime(poll.closes_at)} 前代表本户投票。` }, at)
}

/** Only to households that have not voted yet. */
export async function remindClosing(tx: Tx, poll: PollRow, buildingIds: number[], at: Date) {
  const voted = new Set((await repo.ballotsOf(tx, poll.id)).map((b) => b.household_id))
  const notVoted = (await householdIdsOf(tx, poll, buildingIds)).filter((id) => !voted.has(id))
  await tell(tx, poll, notVoted, { kind: 'poll.closing', title: `投票即将截止：${poll.title}`, body: `本户还没有投票，${beijingTime(poll.closes_at)} 截止。` }, at)
}

export async function announceResults(tx: Tx, poll: PollRow, buildingIds: number[], at: Date) {
  await tell(tx, poll, await householdIdsOf(tx, poll, buildingIds), { kind: 'poll.results', title: `投票结果已公布：${poll.title}`, body: '投票已结束，点开查看结果。' }, at)
}
