import Taro from '@tarojs/taro'
import type { Persona } from '@contract/identity'
import { api } from '@/api/client'
import { clearToken, setToken } from '@/api/token'
import { refreshMe, setMe } from '../session-store'

interface Session {
  token: string
  expiresAt: string
}

async function start(session: Session) {
  setToken(session.token)
  return refreshMe()
}

export async function loginAsPersona(persona: Persona) {
  return start((await api.post<Session>('/auth/demo', { persona })).data)
}

export async function loginWithPassword(phone: string, password: string) {
  return start((await api.post<Session>('/auth/login', { phone, password })).data)
}

export async function registerWithInvite(inviteCode: string, phone: string, password: string) {
  return start((await api.post<Session>('/auth/register', { inviteCode, phone, password })).data)
}

/** In WeChat: a one-time code from Taro.login, exchanged by our server for the user's openid. */
export async function loginWithWechat() {
  const { code } = await Taro.login()
  return start((await api.post<Session>('/auth/wechat', { code })).data)
}

export async function logout() {
  try {
    await api.post('/auth/logout')
  } finally {
    clearToken()
    setMe(null)
  }
}
