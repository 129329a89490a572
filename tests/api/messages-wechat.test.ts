import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../../server/app'
import { ConfigError, loadConfig } from '../../server/config'
import { deliverDue } from '../../server/modules/messages/delivery'
import { LEASE_MS, MAX_ATTEMPTS, sendWechatDue } from '../../server/modules/messages/wechat-delivery'
import { enqueueNotifications, type NotificationKind } from '../../server/outbox'
import { build, ENGINE, type TestApp } from './helper'

jest.setTimeout(60_000)

// ---------------------------------------------------------------- a stand-in for WeChat's API on loopback

interface Send {
  token: string | null
  body: { touser: string; template_id: string; page: string; data: Record<string, { value: string }>; miniprogram_state: string; lang: string }
}

/** What the fake answers to a send, per openid, in order: an errcode, or 'drop' to cut the connection. */
const script = new Map<string, (number | 'drop')[]>()
const sends: Send[] = []
let tokenFetches = 0
const tokenQueries: URL[] = []
const revoked = new Set<string>()
let fake: http.Server
let base: string

beforeAll(async () => {
  fake = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      if (url.pathname === '/cgi-bin/token') {
        tokenFetches++
        tokenQueries.push(url)
        return res.end(JSON.stringify({ access_token: `tok-${tokenFetches}`, expires_in: 7200 }))
      }
      if (url.pathname !== '/cgi-bin/message/subscribe/send' || req.method !== 'POST') return res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }))
      const token = url.searchParams.get('access_token')
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Send['body']
      sends.push({ token, body })
      if (!token || revoked.has(token)) return res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
      const next = script.get(body.touser)?.shift() ?? 0
      if (next === 'drop') return req.socket.destroy()
      res.end(JSON.stringify({ errcode: next, errmsg: next === 0 ? 'ok' : 'scripted' }))
    })
  })
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
})
afterAll(async () => new Promise((r) => fake.close(r)))

const TEMPLATES = {
  'repair.status': 'tpl-repair-status',
  'poll.closing': { id: 'tpl-poll-closing', fields: { thing1: 'title', phrase2: 'kind', character_string3: 'body', date4: 'time' } },
}
const wechatEnv = () => ({ WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret', WECHAT_API_BASE: base, WECHAT_TEMPLATES: JSON.stringify(TEMPLATES) })

// ---------------------------------------------------------------- configuration

describe('configuration', () => {
  const wx = { WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }
  test.each([
    ['not JSON', { ...wx, WECHAT_TEMPLATES: 'repair.status=abc' }, /JSON object/],
    ['an unknown kind', { ...wx, WECHAT_TEMPLATES: '{"repair.done":"abc"}' }, /unknown notification kind "repair.done"/],
    ['a bad template id', { ...wx, WECHAT_TEMPLATES: '{"repair.status":"a b"}' }, /template id/],
    ['a field of an unknown type', { ...wx, WECHAT_TEMPLATES: '{"repair.status":{"id":"a","fields":{"amount1":"title"}}}' }, /amount1/],
    ['a time field filled with text', { ...wx, WECHAT_TEMPLATES: '{"repair.status":{"id":"a","fields":{"time1":"title"}}}' }, /holds a time/],
    ['an unknown key', { ...wx, WECHAT_TEMPLATES: '{"repair.status":{"id":"a","field":{}}}' }, /unknown keys field/],
    ['templates without WeChat', { WECHAT_TEMPLATES: '{"repair.status":"abc"}' }, /needs WECHAT_APPID/],
    ['a bad mini-program state', { ...wx, WECHAT_MINIPROGRAM_STATE: 'beta' }, /WECHAT_MINIPROGRAM_STATE/],
  ])('%s is refused at start-up with a message naming the variable', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  test('a template id alone gets the usual title/body/time fields', () => {
    const config = loadConfig({ ...wx, WECHAT_TEMPLATES: '{"repair.status":"abc"}' })
    expect(config.wechat?.templates['repair.status']).toEqual({ id: 'abc', fields: { thing1: 'title', thing2: 'body', time3: 'time' } })
    expect(config.wechat?.miniprogramState).toBe('formal')
  })
})

test('without WeChat configuration the channel is off: no templates offered, nothing marked, nobody called', async () => {
  const t = await build({ backgroundJobs: false })
  try {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/messages/wechat-templates' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ enabled: false, templates: {} })
    const userId = await userWithOpenid(t, 'o-off')
    await notifyOne(t, userId, '没有配置微信')
    await deliverDue(t.app.deps)
    const row = await outboxRow(t, '没有配置微信')
    expect(row).toMatchObject({ status: 'delivered', wx_status: null })
    const before = sends.length + tokenFetches
    expect(await sendWechatDue(t.app.deps)).toMatchObject({ sent: 0, skipped: 0, failed: 0 })
    expect(sends.length + tokenFetches).toBe(before)
  } finally {
    await t.close()
  }
})

// ---------------------------------------------------------------- helpers

let openidSeq = 0
async function userWithOpenid(t: TestApp, openid: string | null) {
  const row = await t.app.deps.db
    .insertInto('users')
    .values({ display_name: '微信用户', wechat_openid: openid === null ? null : `${openid}-${openidSeq++}`, care_mode: 0, created_at: new Date().toISOString() })
    .returning(['id', 'wechat_openid'])
    .executeTakeFirstOrThrow()
  return row.id
}

async function openidOf(t: TestApp, userId: number) {
  return (await t.app.deps.db.selectFrom('users').select('wechat_openid').where('id', '=', userId).executeTakeFirstOrThrow()).wechat_openid!
}

async function notifyOne(t: TestApp, userId: number, title: string, extra: { kind?: NotificationKind; body?: string; link?: string } = {}) {
  await enqueueNotifications(t.app.deps.db, [{ userId, communityId: 1, kind: extra.kind ?? 'repair.status', title, body: extra.body ?? '师傅已接单', link: extra.link ?? '/pages/repairs/detail?id=7' }], new Date())
}

async function outboxRow(t: TestApp, title: string) {
  return t.app.deps.db.selectFrom('outbox').selectAll().where('title', '=', title).executeTakeFirstOrThrow()
}

const sendsTo = (openid: string) => sends.filter((s) => s.body.touser === openid)
const later = (ms: number) => new Date(Date.now() + ms)

// ---------------------------------------------------------------- with WeChat configured

describe('with WeChat configured', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await build({ backgroundJobs: false }, wechatEnv())
  })
  afterAll(async () => t.close())

  /** In-app delivery, then one WeChat run at `now`. */
  async function deliver(now = new Date()) {
    await deliverDue(t.app.deps, now)
    return sendWechatDue(t.app.deps, now)
  }

  test('the app is told which templates to ask for', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/messages/wechat-templates' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ enabled: true, templates: { 'repair.status': 'tpl-repair-status', 'poll.closing': 'tpl-poll-closing' } })
  })

  test('request shape: openid, template, page, data within WeChat limits, token in the query; the in-app message too', async () => {
    const userId = await userWithOpenid(t, 'o-shape')
    const openid = await openidOf(t, userId)
    const title = '您报修的厨房水龙头漏水问题已由维修师傅接单并将于今天下午上门'
    await notifyOne(t, userId, title, { body: '预计 14:00 到达，请留人在家。\n如需改约请留言。', link: '/pages/repairs/detail?id=42' })
    expect(await deliver()).toMatchObject({ sent: 1 })
    const [send, ...more] = sendsTo(openid)
    expect(more).toEqual([])
    expect(send!.token).toMatch(/^tok-\d+$/)
    expect(tokenQueries.at(-1)!.searchParams.get('grant_type')).toBe('client_credential')
    expect(tokenQueries.at(-1)!.searchParams.get('appid')).toBe('wx-test-app')
    expect(tokenQueries.at(-1)!.searchParams.get('secret')).toBe('test-secret')
    expect(send!.body).toMatchObject({ touser: openid, template_id: 'tpl-repair-status', page: 'pages/repairs/detail?id=42', miniprogram_state: 'formal', lang: 'zh_CN' })
    expect(Object.keys(send!.body.data).sort()).toEqual(['thing1', 'thing2', 'time3'])
    const { thing1, thing2, time3 } = send!.body.data
    expect([...thing1!.value]).toHaveLength(20)
    expect(thing1!.value).toBe(`${[...title].slice(0, 19).join('')}…`)
    expect([...thing2!.value].length).toBeLessThanOrEqual(20)
    expect(thing2!.value).not.toContain('\n')
    expect(time3!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(await outboxRow(t, title)).toMatchObject({ status: 'delivered', wx_status: 'sent', wx_attempts: 1, wx_error: null })
    const messages = await t.app.deps.db.selectFrom('messages').select('id').where('user_id', '=', userId).execute()
    expect(messages).toHaveLength(1)
  })

  test('a template with its own fields: phrase, character_string and date are cut to their rules', async () => {
    const userId = await userWithOpenid(t, 'o-fields')
    await notifyOne(t, userId, '是否更换1号楼电梯', { kind: 'poll.closing', body: '本户还没有投票 REF-2025/ABC 明天截止', link: '/pages/polls/detail?id=3' })
    expect(await deliver()).toMatchObject({ sent: 1 })
    const [send] = sendsTo(await openidOf(t, userId))
    expect(send!.body.template_id).toBe('tpl-poll-closing')
    expect(send!.body.data).toEqual({
      thing1: { value: '是否更换1号楼电梯' },
      phrase2: { value: '投票即将截' },
      character_string3: { value: 'REF-2025/ABC' },
      date4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/) },
    })
  })

  test('people without an openid and kinds without a template are not sent; a kind turned off reaches neither channel', async () => {
    const h5User = await userWithOpenid(t, null)
    await notifyOne(t, h5User, 'H5 用户的进度')
    const withWechat = await userWithOpenid(t, 'o-kinds')
    await notifyOne(t, withWechat, '没有模板的类型', { kind: 'repair.comment' })
    const off = await userWithOpenid(t, 'o-off')
    await t.app.deps.db.insertInto('notification_prefs').values({ user_id: off, kind: 'repair.status', enabled: 0 }).execute()
    await notifyOne(t, off, '关掉了的进度')
    const before = sends.length
    await deliver()
    expect(sends.length).toBe(before)
    expect(await outboxRow(t, 'H5 用户的进度')).toMatchObject({ status: 'delivered', wx_status: 'skipped' })
    expect(await outboxRow(t, '没有模板的类型')).toMatchObject({ status: 'delivered', wx_status: null })
    expect(await outboxRow(t, '关掉了的进度')).toMatchObject({ status: 'skipped', wx_status: null })
  })

  test('the token is fetched once, shared by concurrent callers and by a restarted instance, and refreshed on expiry', async () => {
    const keeper = t.app.deps.wechat!.tokens
    const now = Date.now()
    const current = await keeper.get(now)
    const fetches = tokenFetches
    // Ten more sends within its lifetime use it without asking again.
    const userId = await userWithOpenid(t, 'o-token')
    for (let i = 0; i < 10; i++) await notifyOne(t, userId, `缓存令牌 ${i}`)
    expect(await deliver()).toMatchObject({ sent: 10 })
    expect(tokenFetches).toBe(fetches)
    expect(sendsTo(await openidOf(t, userId)).filter((s) => s.token !== current)).toEqual([])

    // A new instance on the same database uses the stored token.
    const restarted = await buildApp({ ...t.config, backgroundJobs: false })
    try {
      expect(await restarted.deps.wechat!.tokens.get(now)).toBe(current)
      expect(tokenFetches).toBe(fetches)
    } finally {
      await restarted.close()
    }

    // Three hours on (the fake says 7200 s), it is fetched again, once for all concurrent callers.
    const expired = now + 3 * 3600_000
    const tokens = await Promise.all(Array.from({ length: 8 }, () => keeper.get(expired)))
    expect(tokenFetches).toBe(fetches + 1)
    expect(new Set(tokens).size).toBe(1)
    expect(tokens[0]).not.toBe(current)
    // And shortly before expiry it is already replaced (no request carries a token past its end).
    await keeper.get(expired + 7200_000 - 60_000)
    expect(tokenFetches).toBe(fetches + 2)
  })

  test('a token WeChat rejects (40001) is replaced once and the message sent with the new one', async () => {
    const stale = await t.app.deps.wechat!.tokens.get()
    revoked.add(stale)
    const fetches = tokenFetches
    const userId = await userWithOpenid(t, 'o-40001')
    await notifyOne(t, userId, '令牌失效后重发')
    expect(await deliver()).toMatchObject({ sent: 1 })
    expect(tokenFetches).toBe(fetches + 1)
    const tried = sendsTo(await openidOf(t, userId))
    expect(tried.map((s) => s.token === stale)).toEqual([true, false])
    expect(await outboxRow(t, '令牌失效后重发')).toMatchObject({ wx_status: 'sent', wx_attempts: 1 })
  })

  test('busy (-1) is retried after a backoff and then sent; always busy gives up after a bounded number of attempts', async () => {
    const userId = await userWithOpenid(t, 'o-busy')
    const openid = await openidOf(t, userId)
    script.set(openid, [-1])
    await notifyOne(t, userId, '系统繁忙后重试')
    const start = Date.now()
    expect(await deliver(new Date(start))).toMatchObject({ pending: 1, sent: 0 })
    const waiting = await outboxRow(t, '系统繁忙后重试')
    expect(waiting).toMatchObject({ wx_status: 'pending', wx_attempts: 1, wx_error: 'errcode -1 scripted' })
    expect(new Date(waiting.wx_due_at!).getTime()).toBeGreaterThan(start)
    // Not again before the backoff has passed…
    await sendWechatDue(t.app.deps, new Date(start + 1000))
    expect(sendsTo(openid)).toHaveLength(1)
    // …and sent after it.
    expect(await sendWechatDue(t.app.deps, new Date(start + 31_000))).toMatchObject({ sent: 1 })
    expect(sendsTo(openid)).toHaveLength(2)
    expect(await outboxRow(t, '系统繁忙后重试')).toMatchObject({ wx_status: 'sent', wx_attempts: 2 })

    const stuck = await userWithOpenid(t, 'o-always-busy')
    const stuckOpenid = await openidOf(t, stuck)
    script.set(stuckOpenid, Array.from({ length: 20 }, () => -1))
    await notifyOne(t, stuck, '一直繁忙')
    await deliverDue(t.app.deps)
    for (let hour = 0; hour < 10; hour++) await sendWechatDue(t.app.deps, later(hour * 3600_000))
    expect(sendsTo(stuckOpenid)).toHaveLength(MAX_ATTEMPTS)
    expect(await outboxRow(t, '一直繁忙')).toMatchObject({ wx_status: 'failed', wx_attempts: MAX_ATTEMPTS })
  })

  test('43101 (no subscription left) is recorded as refused and never retried', async () => {
    const userId = await userWithOpenid(t, 'o-43101')
    const openid = await openidOf(t, userId)
    script.set(openid, [43101])
    await notifyOne(t, userId, '没有订阅')
    expect(await deliver()).toMatchObject({ refused: 1, failed: 0 })
    for (const hours of [1, 5, 30]) await sendWechatDue(t.app.deps, later(hours * 3600_000))
    expect(sendsTo(openid)).toHaveLength(1)
    expect(await outboxRow(t, '没有订阅')).toMatchObject({ status: 'delivered', wx_status: 'refused', wx_attempts: 1 })
  })

  test('a connection cut after the request went out is "unknown" and not sent again', async () => {
    const userId = await userWithOpenid(t, 'o-drop')
    const openid = await openidOf(t, userId)
    script.set(openid, ['drop'])
    await notifyOne(t, userId, '连接中断')
    expect(await deliver()).toMatchObject({ unknown: 1 })
    await sendWechatDue(t.app.deps, later(3600_000))
    expect(sendsTo(openid)).toHaveLength(1)
    expect(await outboxRow(t, '连接中断')).toMatchObject({ wx_status: 'unknown' })
  })

  test('restart mid-send: a row an instance died while sending is never sent again, and the in-app message stays single', async () => {
    const userId = await userWithOpenid(t, 'o-crash')
    const openid = await openidOf(t, userId)
    await notifyOne(t, userId, '发送中途重启')
    await deliverDue(t.app.deps)
    // What the dead instance left behind: the row committed as 'sending' (its request may have reached WeChat).
    const claimedAt = Date.now()
    await t.app.deps.db
      .updateTable('outbox')
      .set({ wx_status: 'sending', wx_attempts: 1, wx_due_at: new Date(claimedAt + LEASE_MS).toISOString() })
      .where('title', '=', '发送中途重启')
      .execute()

    const next = await buildApp({ ...t.config, backgroundJobs: false })
    try {
      // Within the lease nothing happens; after it the row is written off as unknown, without a send.
      await deliverDue(next.deps)
      await sendWechatDue(next.deps, new Date(claimedAt + 1000))
      expect(await outboxRow(t, '发送中途重启')).toMatchObject({ wx_status: 'sending' })
      expect(await sendWechatDue(next.deps, new Date(claimedAt + LEASE_MS + 1000))).toMatchObject({ unknown: 1, sent: 0 })
      for (const hours of [1, 24]) {
        await deliverDue(next.deps, later(hours * 3600_000))
        await sendWechatDue(next.deps, later(hours * 3600_000))
      }
    } finally {
      await next.close()
    }
    expect(sendsTo(openid)).toHaveLength(0)
    expect(await outboxRow(t, '发送中途重启')).toMatchObject({ status: 'delivered', wx_status: 'unknown', wx_attempts: 1 })
    const messages = await t.app.deps.db.selectFrom('messages').select('id').where('user_id', '=', userId).execute()
    expect(messages).toHaveLength(1)
  })

  const pgOnly = ENGINE === 'postgres' ? test : test.skip
  pgOnly('two instances on one PostgreSQL database send each WeChat message exactly once', async () => {
    const second = await buildApp({ ...t.config, backgroundJobs: false })
    try {
      const userId = await userWithOpenid(t, 'o-two')
      const openid = await openidOf(t, userId)
      const n = 60
      await enqueueNotifications(
        t.app.deps.db,
        Array.from({ length: n }, (_, i) => ({ userId, communityId: 1, kind: 'repair.status' as const, title: `两实例 ${i}`, body: '', link: '/pages/repairs/index' })), new Date(),
      )
      await deliverDue(t.app.deps)
      const drain = async (deps: typeof t.app.deps) => {
        for (;;) {
          const s = await sendWechatDue(deps)
          if (s.sent + s.pending + s.failed + s.unknown + s.refused + s.skipped === 0) return
        }
      }
      await Promise.all([drain(t.app.deps), drain(second.deps)])
      const titles = sendsTo(openid).map((s) => s.body.data.thing1!.value)
      expect(titles).toHaveLength(n)
      expect(new Set(titles).size).toBe(n)
    } finally {
      await second.close()
    }
  })
})
