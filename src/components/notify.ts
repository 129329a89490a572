import Taro from '@tarojs/taro'
import { errorMessage } from '@/api/client'

/** Errors are shown in a dialog that waits for 知道了, never in a toast that vanishes before it is read. */
export function alertError(err: unknown, title = '没有成功'): Promise<unknown> {
  return Taro.showModal({ title, content: errorMessage(err), showCancel: false, confirmText: '知道了' })
}

export function toastDone(title: string): void {
  Taro.showToast({ title, icon: 'success', duration: 1500 })
}

/** Something the person must read (a missing field, what happens next): a dialog with 知道了. */
export function alertInfo(title: string, content: string): Promise<unknown> {
  return Taro.showModal({ title, content, showCancel: false, confirmText: '知道了' })
}
