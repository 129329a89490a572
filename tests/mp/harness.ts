/**
 * Runs the real dist/weapp output in Tencent's miniprogram-simulate (j-component + the official wcc template compiler).
 * WeChat's globals are recreated here: the `wx` API (simulate's mocks, with storage kept in memory and `request` sent
 * to a real server), App/Page/getApp/getCurrentPages. Node/jsdom globals WeChat lacks are removed so they hide no bugs.
 */
import path from 'node:path'
import { httpRequest, startServer, type ServerProcess } from '../support/server-process'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load: (p: string, tag: string, opts: object) => string
  render: (id: string, props?: object) => SimComponent
  sleep: (ms?: number) => Promise<void>
}

export interface SimComponent {
  dom: HTMLElement
  instance: Record<string, unknown>
  attach: (parent: HTMLElement) => void
  detach: () => void
  querySelector: (sel: string) => SimComponent | null
  dispatchEvent: (name: string, options?: object) => void
}

export const ROOT = path.resolve(process.env.WEAPP_DIR || path.join(__dirname, '../../dist/weapp'))
/** The weapp build with the speech plugin declared (TARO_APP_WECHAT_SI=1); scripts/test.mjs builds it. */
export const SI_ROOT = path.resolve(process.env.WEAPP_SI_DIR || path.join(__dirname, '../../dist/weapp-si'))

type WxOptions = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void; [k: string]: unknown }

export interface Harness {
  calls: { api: string; options: WxOptions }[]
  storage: Map<string, unknown>
  loadPage: (route: string, query?: Record<string, string>) => Promise<SimComponent>
  settle: (ms?: number) => Promise<void>
}

function callback(options: WxOptions, result: unknown, ok = true) {
  if (ok) options.success?.(result)
  else options.fail?.(result)
  options.complete?.(result)
}

/**
 * `apiOrigin` replaces the origin baked into the build (API_BASE) so requests reach the test's server; `root` is the
 * build to load.
 */
export function setupWeapp(apiOrigin: string, root = ROOT): Harness {
  const calls: Harness['calls'] = []
  const storage = new Map<string, unknown>()
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx

  const record = (api: string, result: unknown = { errMsg: `${api}:ok` }) => (options: WxOptions = {}) => {
    calls.push({ api, options })
    callback(options, result)
    return Promise.resolve(result)
  }
  Object.assign(wx, {
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k: string) => void storage.delete(k),
    login: record('login', { code: 'test-code', errMsg: 'login:ok' }),
    switchTab: record('switchTab'),
    navigateTo: record('navigateTo'),
    redirectTo: record('redirectTo'),
    reLaunch: record('reLaunch'),
    makePhoneCall: record('makePhoneCall'),
    showModal: record('showModal', { confirm: true, cancel: false, errMsg: 'showModal:ok' }),
    showToast: record('showToast'),
    // WeChat's subscription prompt: the person allows every template asked for.
    requestSubscribeMessage: (options: WxOptions) => record('requestSubscribeMessage', { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(((options.tmplIds as string[]) ?? []).map((id) => [id, 'accept'])) })(options),
    request: (options: WxOptions) => {
      calls.push({ api: 'request', options })
      const url = String(options.url).replace(/^https?:\/\/[^/]+/, apiOrigin)
      const method = String(options.method ?? 'GET')
      httpRequest(url, { method, headers: options.header as Record<string, string>, body: method === 'GET' ? undefined : (options.data as string | undefined) })
        .then((res) => callback(options, { data: res.text, statusCode: res.status, header: res.headers, errMsg: 'request:ok' }))
        .catch((err: Error) => callback(options, { errMsg: `request:fail ${err.message}` }, false))
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
  })

  for (const name of ['XMLHttpRequest', 'fetch', 'FormData', 'Blob']) {
    delete (globalThis as Record<string, unknown>)[name]
    delete (window as unknown as Record<string, unknown>)[name]
  }

  let appInstance: Record<string, unknown> = {}
  const pageStack: Record<string, unknown>[] = []
  const g = globalThis as Record<string, unknown>
  g.App = (options: Record<string, unknown>) => {
    appInstance = options
  }
  g.getApp = () => appInstance
  g.getCurrentPages = () => pageStack
  g.requirePlugin = () => ({})

  let pendingRoute = ''
  let pendingQuery: Record<string, string> = {}
  // WeChat's Page() becomes a Component whose attach runs the page lifecycle, like the real page loader.
  g.Page = (options: Record<string, unknown>) => {
    const route = pendingRoute
    const query = pendingQuery
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v
    ;(g.Component as (o: object) => void)({
      data: (options.data as object) ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown> & { onLoad?: (q: object) => void; onShow?: () => void; onReady?: () => void }) {
          this.route = route
          this.__route__ = route
          this.options = query
          pageStack.push(this)
          this.onLoad?.(query)
          this.onShow?.()
          this.onReady?.()
        },
        detached(this: { onUnload?: () => void }) {
          pageStack.pop()
          this.onUnload?.()
        },
      },
    })
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(root, 'app.js'))
  ;(appInstance.onLaunch as ((o: object) => void) | undefined)?.call(appInstance, { path: 'pages/home/index', query: {}, scene: 1001 })
  ;(appInstance.onShow as ((o: object) => void) | undefined)?.call(appInstance, { path: 'pages/home/index', query: {}, scene: 1001 })

  const settle = (ms = 300) => simulate.sleep(ms)
  // A page's chunk runs once per process (webpack remembers it), so each route is loaded once and rendered anew.
  const loaded = new Map<string, string>()
  return {
    calls,
    storage,
    settle,
    async loadPage(route, query = {}) {
      pendingRoute = route
      pendingQuery = query
      let id = loaded.get(route)
      if (!id) {
        id = simulate.load(path.join(root, route), 'page', { rootPath: root })
        loaded.set(route, id)
      }
      const page = simulate.render(id)
      const parent = document.createElement('div')
      document.body.appendChild(parent)
      page.attach(parent)
      await settle()
      return page
    },
  }
}

/**
 * Starts the real server for one test file and loads the weapp build signed in as a demo persona, as a returning
 * user would be. Read `env.h` (and `env.server`) inside the tests; both exist once beforeAll has run.
 */
export function setUpSignedInWeapp(persona: string, serverEnv: Record<string, string> = {}, root = ROOT): { server: ServerProcess; h: Harness } {
  const env = {} as { server: ServerProcess; h: Harness }
  beforeAll(async () => {
    env.server = await startServer(serverEnv)
    const res = await httpRequest(`${env.server.origin}/api/v1/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) })
    env.h = setupWeapp(env.server.origin, root)
    env.h.storage.set('linli.token', (JSON.parse(res.text) as { token: string }).token)
  }, 60_000)
  afterAll(async () => env.server?.stop())
  return env
}
