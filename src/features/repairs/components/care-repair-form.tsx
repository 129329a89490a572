import { Text } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Me } from '@contract/schemas/identity'
import { REPAIR_CATEGORY_LABELS, REPAIR_PHOTOS_MAX, type RepairCategory } from '@contract/repairs'
import type { RepairTicket } from '@contract/schemas/repairs'
import { placeLabel } from '@contract/format'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { PhotoPicker } from '@/components/photo-picker'
import type { UploadedImage } from '@/api/upload-image'
import { createRepair, newIdempotencyKey } from '../api/create-repair'
import { CategoryTiles } from './category-tiles'

/** What goes wrong inside a flat; the common parts (lift, lights) need a place typed in, so they stay in the full form. */
const HOME_CATEGORIES: RepairCategory[] = ['plumbing_electric', 'doors_windows', 'drain', 'other']

export interface CareRepairFormProps {
  me: Me
  onDone: (ticket: RepairTicket) => void
  onError: (err: unknown) => void
  /** Opens the full form (public areas, urgency, time, description). */
  onFullForm: () => void
  /** Runs first in the submit tap (the WeChat subscription prompt must be asked there). */
  beforeSubmit?: () => Promise<void>
}

/**
 * 长辈模式报修: tap what is broken, optionally add a photo, submit — three taps from the care home. The address
 * is the person's home and the phone number is the account's; the worker calls before coming.
 */
export function CareRepairForm({ me, onDone, onError, onFullForm, beforeSubmit }: CareRepairFormProps) {
  const home = me.households[0]!
  const [category, setCategory] = useState<RepairCategory | null>(null)
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const key = useRef(newIdempotencyKey())
  const address = placeLabel(home)

  const submit = async () => {
    if (!category) return
    await beforeSubmit?.()
    setBusy(true)
    try {
      const ticket = await createRepair(
        {
          category,
          location: { kind: 'home', householdId: home.id },
          description: `${REPAIR_CATEGORY_LABELS[category]}需要维修（长辈模式报修，请师傅上门前先打电话问清情况）`,
          urgency: 'normal',
          photoIds: photos.map((p) => p.id),
          ...(me.user.phone ? { contactPhone: me.user.phone } : {}),
        },
        key.current,
      )
      onDone(ticket)
    } catch (err) {
      onError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Card title='哪里坏了？点一下'>
        <CategoryTiles label='哪里坏了' categories={HOME_CATEGORIES} value={category} onChange={setCategory} />
      </Card>
      {category ? (
        <Card title='师傅会上门'>
          <Text className='ll-text'>{`地址：${address}`}</Text>
          <Text className='ll-text'>{me.user.phone ? `电话：${me.user.phone}（师傅上门前会打给您）` : '账号里没有电话，物业会按登记的电话联系您'}</Text>
          <PhotoPicker label='拍张照片（可以不拍）' max={REPAIR_PHOTOS_MAX} photos={photos} onChange={setPhotos} onBusy={setUploading} />
        </Card>
      ) : null}
      <ActionButton label='提交报修' disabled={!category} busy={busy || uploading} busyLabel={uploading ? '照片上传中…' : '正在提交…'} onTap={submit} />
      <ActionButton variant='secondary' label='公共区域报修或详细填写' onTap={onFullForm} />
    </>
  )
}
