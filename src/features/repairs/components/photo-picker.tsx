import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { REPAIR_PHOTOS_MAX } from '@contract/repairs'
import { a11y } from '@/components/a11y'
import { alertError } from '@/components/notify'
import { absoluteUrl, uploadImage, type PickedFile, type UploadedImage } from '@/api/upload-image'

export interface PhotoPickerProps {
  label: string
  photos: UploadedImage[]
  onChange: (photos: UploadedImage[]) => void
  /** Tells the form an upload is running (so it does not submit half of them). */
  onBusy?: (busy: boolean) => void
}

/** Camera or album (compressed by the platform), uploaded one by one with the progress shown. */
export function PhotoPicker({ label, photos, onChange, onBusy }: PhotoPickerProps) {
  const [progress, setProgress] = useState<string | null>(null)
  const left = REPAIR_PHOTOS_MAX - photos.length

  const add = async () => {
    if (left <= 0 || progress !== null) return
    let picked: Taro.chooseMedia.SuccessCallbackResult
    try {
      picked = await Taro.chooseMedia({ count: left, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
    } catch {
      return // closed the picker
    }
    onBusy?.(true)
    let current = photos
    try {
      for (const [i, f] of picked.tempFiles.entries()) {
        const uploaded = await uploadImage(f as PickedFile, (p) => setProgress(`正在上传第 ${i + 1}/${picked.tempFiles.length} 张 ${Math.round(p * 100)}%`))
        current = [...current, uploaded]
        onChange(current)
      }
    } catch (err) {
      await alertError(err, '照片没有上传成功')
    } finally {
      setProgress(null)
      onBusy?.(false)
    }
  }

  return (
    <View className='ll-repairs-picker'>
      <Text className='ll-field__label'>{`${label}（${photos.length}/${REPAIR_PHOTOS_MAX}）`}</Text>
      <View className='ll-repairs-photos'>
        {photos.map((p, i) => (
          <View key={p.id} className='ll-repairs-photo-wrap'>
            <Image className='ll-repairs-photo' src={absoluteUrl(p.thumbUrl)} mode='aspectFill' aria-hidden='true' />
            <View className='ll-repairs-photo-remove' {...a11y('button', `删除照片 ${i + 1}`)} onClick={() => onChange(photos.filter((x) => x.id !== p.id))}>
              删除
            </View>
          </View>
        ))}
        {left > 0 ? (
          <View className='ll-repairs-photo-add' {...a11y('button', '添加照片（拍照或从相册选择）')} onClick={add}>
            + 照片
          </View>
        ) : null}
      </View>
      {progress ? (
        <Text className='ll-text ll-text--muted' aria-live='polite'>
          {progress}
        </Text>
      ) : null}
    </View>
  )
}
