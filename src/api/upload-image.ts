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

/** What Taro.chooseMedia gives back; on H5 it also carries the File itself. */
export interface PickedFile {
  tempFilePath: string
  originalFileObj?: Blob
}

const MAX_EDGE = 1600

/** H5: shrinks the photo on a canvas to at most 1600 px and JPEG 80 % before it leaves the phone. */
async function compressedBlob(file: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8))
    return out && out.size < file.size ? out : file
  } catch {
    return file // a format the browser cannot draw (e.g. HEIC): the server decides
  }
}

/** WeChat: the platform's own compression. */
async function compressed(filePath: string): Promise<string> {
  try {
    return (await Taro.compressImage({ src: filePath, quality: 70 })).tempFilePath
  } catch {
    return filePath
  }
}

/**
 * Uploads one photo picked with Taro.chooseMedia to /uploads, reporting progress from 0 to 1.
 * The mini-program needs Taro.uploadFile; H5 posts the blob as multipart through the API client.
 */
export async function uploadImage(picked: PickedFile, onProgress: (fraction: number) => void): Promise<UploadedImage> {
  if (process.env.TARO_ENV === 'h5') {
    // The File itself: fetching the blob: URL would be blocked by the page's Content-Security-Policy (connect-src).
    const original = picked.originalFileObj ?? (await (await fetch(picked.tempFilePath)).blob())
    const form = new FormData()
    form.append('file', await compressedBlob(original), 'photo.jpg')
    const res = await api.post<UploadedImage>('/uploads', form, { onUploadProgress: (e) => onProgress(e.total ? e.loaded / e.total : 0) })
    onProgress(1)
    return res.data
  }
  const task = Taro.uploadFile({ url: `${API_BASE}/api/v1/uploads`, filePath: await compressed(picked.tempFilePath), name: 'file', header: { Authorization: `Bearer ${getToken() ?? ''}` } })
  task.progress((p) => onProgress(p.progress / 100))
  const res = await task
  let body: UploadedImage & { error?: { code: string; message: string } }
  try {
    body = JSON.parse(res.data) as typeof body
  } catch {
    throw new ApiError(res.statusCode, 'INTERNAL', '上传失败，请重试')
  }
  if (res.statusCode !== 201 || body.error) throw new ApiError(res.statusCode, body.error?.code ?? 'INTERNAL', body.error?.message ?? '上传失败，请重试')
  onProgress(1)
  return body
}
