import Taro from '@tarojs/taro'

const KEY = 'linli.token'

export function getToken(): string | null {
  const v = Taro.getStorageSync(KEY) as unknown
  return typeof v === 'string' && v ? v : null
}

export function setToken(token: string): void {
  Taro.setStorageSync(KEY, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(KEY)
}
