import type { Persona, Relation } from '../../../types/identity'
import type { Me, PatchMe } from '../../../types/schemas/identity'
import type { Actor } from '../../authz'
import { homeCommunityId } from '../../authz'
import type { Deps } from '../../context'
import { hashInviteCode, hashPassword, newToken, sha256, verifyPassword } from '../../crypto'
import { AppError } from '../../errors'
import { hitLimit } from '../../limits'
import { buildingsOf, communityById } from '../community/repo'
import { cachedActor, forgetToken, forgetUser, rememberActor } from './actor-cache'
import { audit } from '../../lib/audit'
import * as repo from './repo'

const FIFTEEN_MIN = 15 * 60

async function startSession(deps: Deps, userId: number) {
  const token = newToken()
  const now = deps.now()
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86400_000).toISOString()
  await repo.insertSession(deps.db, userId, sha256(token), expiresAt, now.toISOString())
  return { token, expiresAt }
}

export async function actorFromToken(deps: Deps, token: string): Promise<Actor | null> {
  const tokenHash = sha256(token)
  const cached = cachedActor(tokenHash, deps.now().getTime())
  if (cached) return cached
  const user = await repo.findSessionUser(deps.db, tokenHash, deps.now().toISOString())
  if (!user) return null
  const actor = await repo.loadActor(deps.db, user)
  rememberActor(tokenHash, actor, user.expires_at, deps.now().getTime())
  return actor
}

export async function logout(deps: Deps, token: string) {
  forgetToken(sha256(token))
  await repo.deleteSession(deps.db, sha256(token))
}

export async function demoLogin(deps: Deps, persona: Persona) {
  if (!deps.config.demo) throw new AppError(404, 'DEMO_DISABLED')
  const user = await repo.findUserByPersona(deps.db, persona)
  if (!user) throw new AppError(404, 'NOT_FOUND', '演示数据中没有这个身份')
  return startSession(deps, user.id)
}

interface Code2Session {
  openid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

/** code2Session against WeChat's API; the session_key stays on the server side of this function. */
export async function wechatLogin(deps: Deps, code: string) {
  const wx = deps.config.wechat
  // Like demo login, a login method this server does not offer is simply not there.
  if (!wx) throw new AppError(404, 'WECHAT_NOT_CONFIGURED')
  const url = new URL(`${wx.apiBase}/sns/jscode2session`)
  url.search = new URLSearchParams({ appid: wx.appId, secret: wx.secret, js_code: code, grant_type: 'authorization_code' }).toString()
  let body: Code2Session
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
    body = (await res.json()) as Code2Session
  } catch {
    throw new AppError(502, 'WECHAT_LOGIN_FAILED')
  }
  if (!body.openid || body.errcode) {
    // 40029 invalid code, 40163 code used: the client should get a fresh code; anything else is WeChat's side.
    const clientFault = body.errcode === 40029 || body.errcode === 40163
    throw new AppError(clientFault ? 401 : 502, 'WECHAT_LOGIN_FAILED')
  }
  const userId = await repo.findOrCreateWechatUser(deps.db, body.openid, deps.now().toISOString())
  return startSession(deps, userId)
}

export async function passwordLogin(deps: Deps, phone: string, password: string, ip: string) {
  await hitLimit(deps, `login:ip:${ip}`, 30, FIFTEEN_MIN)
  await hitLimit(deps, `login:phone:${phone}`, 10, FIFTEEN_MIN, '该手机号登录尝试过多，请 15 分钟后再试')
  const user = await repo.findUserByPhone(deps.db, phone)
  // Hash even when the user is unknown, so timing does not tell which phones are registered.
  const ok = user?.password_hash ? await verifyPassword(password, user.password_hash) : (await hashPassword(password), false)
  if (!user || !ok) throw new AppError(401, 'INVALID_CREDENTIALS')
  return startSession(deps, user.id)
}

async function bindWithInvite(deps: Deps, userId: number, inviteCode: string, relation: Relation) {
  const now = deps.now().toISOString()
  return deps.db.transaction().execute(async (tx) => {
    const invite = await repo.findUsableInvite(tx, hashInviteCode(inviteCode), now)
    if (!invite) throw new AppError(422, 'INVITE_INVALID')
    if (!(await repo.claimInvite(tx, invite.id, userId, now))) throw new AppError(422, 'INVITE_INVALID')
    if (!(await repo.insertMembership(tx, userId, invite.household_id, relation, now))) throw new AppError(409, 'ALREADY_BOUND')
    await audit(tx, { actorId: userId, communityId: invite.community_id, action: 'household.bind', target: `household:${invite.household_id}`, detail: { relation }, at: now })
    return invite.household_id
  })
}

export async function register(deps: Deps, input: { inviteCode: string; phone: string; password: string; relation?: Relation }, ip: string) {
  await hitLimit(deps, `register:ip:${ip}`, 20, 3600)
  await hitLimit(deps, `bind:ip:${ip}`, 30, FIFTEEN_MIN)
  const passwordHash = await hashPassword(input.password)
  const now = deps.now().toISOString()
  const userId = await deps.db.transaction().execute(async (tx) => {
    const invite = await repo.findUsableInvite(tx, hashInviteCode(input.inviteCode), now)
    if (!invite) throw new AppError(422, 'INVITE_INVALID')
    const newUserId = await repo.insertPhoneUser(tx, { display_name: `${input.phone.slice(-4)}住户`, phone: input.phone, password_hash: passwordHash, created_at: now })
    if (newUserId === null) throw new AppError(409, 'PHONE_TAKEN')
    if (!(await repo.claimInvite(tx, invite.id, newUserId, now))) throw new AppError(422, 'INVITE_INVALID')
    await repo.insertMembership(tx, newUserId, invite.household_id, input.relation ?? 'owner', now)
    await audit(tx, { actorId: newUserId, communityId: invite.community_id, action: 'user.register', target: `household:${invite.household_id}`, at: now })
    return newUserId
  })
  return startSession(deps, userId)
}

export async function bindHousehold(deps: Deps, actor: Actor, inviteCode: string, relation: Relation, ip: string) {
  await hitLimit(deps, `bind:ip:${ip}`, 30, FIFTEEN_MIN)
  await hitLimit(deps, `bind:user:${actor.userId}`, 10, FIFTEEN_MIN, '尝试次数过多，请 15 分钟后再试')
  await bindWithInvite(deps, actor.userId, inviteCode, relation)
  forgetUser(actor.userId)
  return getMe(deps, actor.userId)
}

export async function getMe(deps: Deps, userId: number): Promise<Me> {
  const user = await repo.findActorUser(deps.db, userId)
  const actor = await repo.loadActor(deps.db, user)
  const households = await repo.householdsOf(deps.db, userId)
  const communityId = homeCommunityId(actor)
  const community = communityId ? await communityById(deps.db, communityId) : undefined
  return {
    user: { id: user.id, displayName: user.display_name, careMode: user.care_mode === 1, phone: user.phone },
    households: households.map((h) => ({ id: h.id, communityId: h.community_id, buildingId: h.building_id, building: h.building, unit: h.unit, room: h.room, relation: h.relation })),
    roles: actor.roles.map((r) => ({ role: r.role, communityId: r.communityId, ...(r.buildingId ? { buildingId: r.buildingId } : {}) })),
    community: community ?? null,
  }
}

/** The buildings of the person's compound (for choosing a notice's or poll's audience). */
export async function communityBuildings(deps: Deps, actor: Actor) {
  const communityId = homeCommunityId(actor)
  return { items: communityId === null ? [] : await buildingsOf(deps.db, communityId) }
}

export async function patchMe(deps: Deps, actor: Actor, patch: PatchMe): Promise<Me> {
  await repo.updateUser(deps.db, actor.userId, {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() || actor.displayName } : {}),
    ...(patch.careMode !== undefined ? { care_mode: patch.careMode ? 1 : 0 } : {}),
  })
  forgetUser(actor.userId)
  return getMe(deps, actor.userId)
}
