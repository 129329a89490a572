import Taro from '@tarojs/taro'
import { api, ApiError } from './client'
import { getToken } from './token'

export interface UploadedImage {
  id: string
  url: string
  thumbUrl: string
}

/** An API path (e.g. a signed image URL) as something an <Image> or previewImage can load on this platform. */
export function absoluteUrl(path: string): string {
  return process.env.TARO_ENV === 'h5' ? path : `${API_BASE}${path}`
}

/**
 * Uploads one photo chosen with Taro.chooseMedia (already compressed by the platform) to /uploads.
 * WeChat needs Taro.uploadFile; H5 sends the picked blob as multipart through the API client.
 */
export async function uploadImage(filePath: string): Promise<UploadedImage> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = await (await fetch(filePath)).blob()
    const form = new FormData()
    form.append('file', blob, 'photo.jpg')
    return (await api.post<UploadedImage>('/uploads', form)).data
  }
  const res = await Taro.uploadFile({ url: `${API_BASE}/api/v1/uploads`, filePath, name: 'file', header: { Authorization: `Bearer ${getToken() ?? ''}` } })
  const body = JSON.parse(res.data) as UploadedImage & { error?: { code: string; message: string } }
  if (res.statusCode !== 201 || body.error) throw new ApiError(res.statusCode, body.error?.code ?? 'INTERNAL', body.error?.message ?? '上传失败，请重试')
  return body
}
