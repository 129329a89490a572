// WeChat's free speech plugin (微信同声传译). It works only once an operator has added it to the mini-program in
// the WeChat console, so the build declares it only when asked to; otherwise WeChat refuses to start the app.
export const WECHAT_SI_PLUGIN = { version: '0.3.5', provider: 'wx069ba97219f66d99' } as const

/** Read from TARO_APP_WECHAT_SI by both the app config (plugin declaration) and the bundle (read-aloud on). */
export function wechatSIEnabled(): boolean {
  const value = process.env.TARO_APP_WECHAT_SI
  if (value === undefined || value === '' || value === '0') return false
  if (value === '1') return true
  throw new Error(`TARO_APP_WECHAT_SI must be 1 or 0 (or unset), not "${value}"`)
}
