import { Text } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { PHONE_PATTERN } from '@contract/identity'
import { REPAIR_CATEGORIES, REPAIR_DESCRIPTION_MAX, REPAIR_PHOTOS_MAX, REPAIR_SLA_HOURS, REPAIR_URGENCY_LABELS, type RepairCategory, type RepairLocationKind, type RepairUrgency } from '@contract/repairs'
import type { RepairTicket } from '@contract/schemas/repairs'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { ChoiceGroup } from '@/components/choice-group'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { TextArea } from '@/components/text-input'
import { PhotoPicker } from '@/components/photo-picker'
import { TextField } from '@/components/text-field'
import { useRequireLogin } from '@/features/account/use-require-login'
import { createRepair, newIdempotencyKey } from '@/features/repairs/api/create-repair'
import type { UploadedImage } from '@/api/upload-image'
import { askToSubscribe, preloadSubscribeTemplates } from '@/features/messages/subscribe'
import { CareRepairForm } from '@/features/repairs/components/care-repair-form'
import { CategoryTiles } from '@/features/repairs/components/category-tiles'
import '@/features/repairs/repairs.css'

const PHONE = new RegExp(PHONE_PATTERN)
const TIMES = ['尽快', '工作日白天', '工作日 18:00 后', '周末'] as const

export default function NewRepairPage() {
  const me = useRequireLogin()
  const hasHome = (me?.households.length ?? 0) > 0
  const [category, setCategory] = useState<RepairCategory | null>(null)
  const [kind, setKind] = useState<RepairLocationKind>(hasHome ? 'home' : 'public')
  const [place, setPlace] = useState('')
  const [description, setDescription] = useState('')
  const [urgency, setUrgency] = useState<RepairUrgency>('normal')
  const [time, setTime] = useState<(typeof TIMES)[number]>('尽快')
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [phone, setPhone] = useState(me?.user.phone ?? '')
  // One key per filled-in form: a double tap or a retry after a timeout makes one ticket.
  const key = useRef(newIdempotencyKey())
  const [full, setFull] = useState(false)
  useLoad((params: Record<string, string | undefined>) => {
    setFull(params.full === '1')
    preloadSubscribeTemplates()
  })
  // Asked in the submit tap itself (WeChat requires it): may we tell them when the ticket moves?
  const askForProgress = () => askToSubscribe(['repair.status', 'repair.comment'])

  const done = async (ticket: RepairTicket) => {
    await Taro.showModal({ title: '报修已提交', content: '物业受理后会通知您，可以在报修详情里看到进度。', showCancel: false, confirmText: '查看进度' })
    Taro.redirectTo({ url: `/pages/repairs/detail?id=${ticket.id}` })
  }

  const submit = async () => {
    const missing = !category
      ? '请选择报修类别'
      : kind === 'public' && !place.trim()
        ? '请填写具体位置'
        : !description.trim()
          ? '请描述一下问题'
          : phone.trim() && !PHONE.test(phone.trim())
            ? '联系电话应为 11 位手机号'
            : null
    if (missing) {
      await Taro.showModal({ title: '还差一步', content: missing, showCancel: false, confirmText: '知道了' })
      return
    }
    await askForProgress()
    setBusy(true)
    try {
      const ticket = await createRepair(
        {
          category: category!,
          location: kind === 'home' ? { kind } : { kind, text: place.trim() },
          description: description.trim(),
          urgency,
          photoIds: photos.map((p) => p.id),
          ...(time !== '尽快' ? { preferredTime: time } : {}),
          ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
        },
        key.current,
      )
      await done(ticket)
    } catch (err) {
      await alertError(err, '报修没有提交成功')
    } finally {
      setBusy(false)
    }
  }

  if (me?.user.careMode && hasHome && !full) {
    return (
      <Page title='我要报修'>
        <CareRepairForm me={me} onDone={done} onError={(err) => alertError(err, '报修没有提交成功')} onFullForm={() => setFull(true)} beforeSubmit={askForProgress} />
      </Page>
    )
  }

  return (
    <Page title='我要报修'>
      <Card title='哪类问题'>
        <CategoryTiles label='报修类别' categories={REPAIR_CATEGORIES} value={category} onChange={setCategory} />
      </Card>
      <Card title='在哪里'>
        <ChoiceGroup
          label='位置'
          options={[...(hasHome ? [{ value: 'home' as const, label: '我家' }] : []), { value: 'public' as const, label: '小区公共区域' }]}
          value={kind}
          onChange={setKind}
        />
        {kind === 'public' ? <TextField label='具体位置' value={place} onChange={setPlace} maxlength={100} placeholder='例如：2号楼大堂电梯' /> : null}
        {kind === 'public' ? <Text className='ll-text ll-text--muted'>公共区域的报修全小区都能看到（不显示您的姓名和电话）。</Text> : null}
      </Card>
      <Card title='什么问题'>
        <Text className='ll-field__label'>{`问题描述（${description.length}/${REPAIR_DESCRIPTION_MAX}）`}</Text>
        <TextArea label='问题描述' value={description} maxlength={REPAIR_DESCRIPTION_MAX} placeholder='例如：厨房水龙头一直滴水' onChange={setDescription} />
        <PhotoPicker label='照片' max={REPAIR_PHOTOS_MAX} photos={photos} onChange={setPhotos} onBusy={setUploading} />
      </Card>
      <Card title='紧急程度和上门时间'>
        <ChoiceGroup label='紧急程度' options={[{ value: 'normal' as const, label: `${REPAIR_URGENCY_LABELS.normal}（${REPAIR_SLA_HOURS.normal} 小时内）` }, { value: 'urgent' as const, label: `${REPAIR_URGENCY_LABELS.urgent}（${REPAIR_SLA_HOURS.urgent} 小时内）` }]} value={urgency} onChange={setUrgency} />
        <ChoiceGroup label='方便上门的时间' options={TIMES.map((t) => ({ value: t, label: t }))} value={time} onChange={setTime} />
        <TextField label='联系电话' type='number' value={phone} onChange={setPhone} maxlength={11} placeholder='师傅上门前会联系您' />
        <Text className='ll-text ll-text--muted'>只有物业和派到的维修师傅能看到完整号码。</Text>
      </Card>
      <ActionButton label='提交报修' busy={busy || uploading} busyLabel={uploading ? '照片上传中…' : '正在提交…'} onTap={submit} />
    </Page>
  )
}
