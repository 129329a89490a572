import path from 'node:path'
import { ConfigError, loadConfig } from '../../server/config'

test('defaults: port 3000 on 127.0.0.1, SQLite under ./data, demo off, WeChat off', () => {
  const c = loadConfig({})
  expect(c.port).toBe(3000)
  expect(c.host).toBe('127.0.0.1')
  expect(c.databaseUrl).toBe(`sqlite:${path.resolve('./data/linli.db')}`)
  expect(c.demo).toBe(false)
  expect(c.wechat).toBeNull()
})

test('reads every variable', () => {
  const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@h/db', DATA_DIR: '/tmp/x', DEMO: 'true', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_API_BASE: 'http://127.0.0.1:9/' })
  expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u@h/db', dataDir: '/tmp/x', demo: true, wechat: { appId: 'wx1', secret: 's', apiBase: 'http://127.0.0.1:9' } })
})

test.each([
  [{ PORT: 'abc' }, /PORT/],
  [{ PORT: '70000' }, /PORT/],
  [{ DEMO: 'maybe' }, /DEMO/],
  [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  [{ WECHAT_APPID: 'wx1' }, /WECHAT_SECRET/],
  [{ WECHAT_API_BASE: 'ftp://x' }, /WECHAT_API_BASE/],
])('rejects %p with a message naming the variable', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError)
  expect(() => loadConfig(env)).toThrow(message)
})
