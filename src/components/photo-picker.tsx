import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { absoluteUrl, uploadImage, type PickedFile, type UploadedImage } from '@/api/upload-image'
import { a11y } from './a11y'
import { alertError } from './notify'

export interface PhotoPickerProps {
  label: string
  photos: UploadedImage[]
  onChange: (photos: UploadedImage[]) => void
  /** How many photos the form takes in all. */
  max: number
  /** Tells the form an upload is running (so it does not submit half of them). */
  onBusy?: (busy: boolean) => void
}

/** Camera or album (compressed by the platform), uploaded one by one with the progress shown. */
export function PhotoPicker({ label, photos, onChange, max, onBusy }: PhotoPickerProps) {
  const [progress, setProgress] = useState<string | null>(null)
  const left = max - photos.length

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
    <View className='ll-photos'>
      <Text className='ll-field__label'>{`${label}（${photos.length}/${max}）`}</Text>
      <View className='ll-photos__grid'>
        {photos.map((p, i) => (
          <View key={p.id} className='ll-photos__item'>
            <Image className='ll-photos__thumb' src={absoluteUrl(p.thumbUrl)} mode='aspectFill' aria-hidden='true' />
            <View className='ll-photos__remove' {...a11y('button', `删除照片 ${i + 1}`)} onClick={() => onChange(photos.filter((x) => x.id !== p.id))}>
              删除
            </View>
          </View>
        ))}
        {left > 0 ? (
          <View className='ll-photos__add' {...a11y('button', '添加照片（拍照或从相册选择）')} onClick={add}>
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
