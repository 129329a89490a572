import Taro from '@tarojs/taro'
import { AxiosError, AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'

/** axios has no transport inside the mini-program; this one sends through Taro.request and lets axios parse JSON. */
export const taroAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) =>
  new Promise((resolve, reject) => {
    const url = `${config.baseURL ?? ''}${config.url ?? ''}`
    const query = config.params ? new URLSearchParams(Object.entries(config.params as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString() : ''
    Taro.request({
      url: query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url,
      method: (config.method ?? 'get').toUpperCase() as keyof Taro.request.Method,
      data: config.data as string | undefined,
      header: AxiosHeaders.from(config.headers).toJSON(),
      dataType: 'text',
      responseType: 'text',
      timeout: config.timeout || 15000,
      success: (res) => {
        const response = { data: res.data, status: res.statusCode, statusText: String(res.statusCode), headers: res.header as Record<string, string>, config, request: null }
        const validate = config.validateStatus
        if (!validate || validate(res.statusCode)) resolve(response)
        else reject(new AxiosError(`Request failed with status code ${res.statusCode}`, AxiosError.ERR_BAD_RESPONSE, config, null, response))
      },
      fail: (err) => reject(new AxiosError(err.errMsg || '网络错误', AxiosError.ERR_NETWORK, config)),
    })
  })
