import Taro from '@tarojs/taro'
import axios, { AxiosError } from 'axios'
import { ERROR_MESSAGES, type ErrorBody } from '@contract/errors'
import { taroAdapter } from './taro-adapter'
import { clearToken, getToken } from './token'

/** The one HTTP client of the app. In H5 the backend serves the page, so URLs are relative. */
export const api = axios.create({
  baseURL: process.env.TARO_ENV === 'h5' ? '/api/v1' : `${API_BASE}/api/v1`,
  timeout: 15000,
  ...(process.env.TARO_ENV === 'h5' ? {} : { adapter: taroAdapter }),
})

api.interceptors.request.use((config) => {
  const token = getToken()
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  return config
})

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

let redirecting = false

api.interceptors.response.use(undefined, (err: AxiosError<ErrorBody>) => {
  const status = err.response?.status ?? 0
  const body = err.response?.data
  const code = body?.error?.code ?? (status === 0 ? 'NETWORK' : 'INTERNAL')
  const message = body?.error?.message ?? (status === 0 ? '网络不太好，请检查网络后重试' : ERROR_MESSAGES.INTERNAL)
  if (status === 401 && getToken()) {
    // The session is gone: start again at the login page, once.
    clearToken()
    if (!redirecting) {
      redirecting = true
      Taro.reLaunch({ url: '/pages/login/index' }).finally(() => (redirecting = false))
    }
  }
  return Promise.reject(new ApiError(status, code, message))
})

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return ERROR_MESSAGES.INTERNAL
}
