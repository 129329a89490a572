import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { NOTICE_BODY_MAX, NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, NOTICE_IMAGES_MAX, NOTICE_TITLE_MAX, type NoticeCategory } from '@contract/notices'
import type { UploadedImage } from '@/api/upload-image'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { AudiencePicker, useAudience } from '@/components/audience-picker'
import { Card } from '@/components/card'
import { ChoiceGroup } from '@/components/choice-group'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { TextArea } from '@/components/text-input'
import { PhotoPicker } from '@/components/photo-picker'
import { TextField } from '@/components/text-field'
import { ToggleRow } from '@/components/toggle-row'
import { useRequireLogin } from '@/features/account/use-require-login'
import { createNotice } from '@/features/notices/api/create-notice'
import '@/features/notices/notices.css'

const CATEGORY_OPTIONS = NOTICE_CATEGORIES.map((c) => ({ value: c, label: NOTICE_CATEGORY_LABELS[c] }))

/** Local date + time from the pickers, as an ISO instant in Shanghai time (+08:00). */
function shanghaiIso(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString()
}

export default function NoticeEditPage() {
  const me = useRequireLogin()
  const audience = useAudience(me)
  const isStaff = audience.isStaff
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [category, setCategory] = useState<NoticeCategory | null>(null)
  const [requiresAck, setRequiresAck] = useState(false)
  const [pinned, setPinned] = useState(false)
  const [publishDate, setPublishDate] = useState('')
  const [publishTime, setPublishTime] = useState('08:00')
  const [images, setImages] = useState<UploadedImage[]>([])
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)


  const submit = async () => {
    const missing = !title.trim() ? '请填写标题' : !body.trim() ? '请填写正文' : !category ? '请选择分类' : null
    if (missing) {
      await Taro.showModal({ title: '还差一步', content: missing, showCancel: false, confirmText: '知道了' })
      return
    }
    setBusy(true)
    try {
      const notice = await createNotice({
        title: title.trim(),
        body,
        category: category!,
        buildingIds: audience.buildingIds,
        requiresAck,
        pinned: isStaff && pinned,
        imageIds: images.map((i) => i.id),
        ...(publishDate ? { publishAt: shanghaiIso(publishDate, publishTime) } : {}),
      })
      await Taro.showModal({ title: notice.scheduled ? '已定时发布' : '已发布', content: notice.scheduled ? '到时间后住户就能看到。' : '住户现在就能看到这条公告。', showCancel: false, confirmText: '知道了' })
      Taro.redirectTo({ url: `/pages/notices/detail?id=${notice.id}` })
    } catch (err) {
      await alertError(err, '发布没有成功')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title='发布公告'>
      <Card title='公告内容'>
        <TextField label={`标题（${title.length}/${NOTICE_TITLE_MAX}）`} value={title} onChange={setTitle} maxlength={NOTICE_TITLE_MAX} placeholder='例如：本周六上午停水通知' />
        <Text className='ll-field__label'>{`正文（${body.length}/${NOTICE_BODY_MAX}）`}</Text>
        <TextArea label='正文' value={body} maxlength={NOTICE_BODY_MAX} placeholder='写清楚时间、地点、要做什么' onChange={setBody} />
        <Text className='ll-field__label'>分类</Text>
        <ChoiceGroup label='分类' options={CATEGORY_OPTIONS} value={category} onChange={setCategory} />
      </Card>

      <Card title='发给谁'>
        <AudiencePicker audience={audience} />
      </Card>

      <Card title='选项'>
        <ToggleRow label='需要确认收到' hint='住户需点“确认收到”，可查看谁还没确认' checked={requiresAck} onChange={setRequiresAck} />
        {isStaff ? <ToggleRow label='置顶' checked={pinned} onChange={setPinned} /> : null}
        <Picker mode='date' value={publishDate} start={new Date().toISOString().slice(0, 10)} onChange={(e) => setPublishDate(e.detail.value)}>
          <View className='ll-button ll-button--secondary' {...a11y('button', publishDate ? `定时发布日期 ${publishDate}` : '选择定时发布日期（不选则立即发布）')}>
            {publishDate ? `定时发布：${publishDate}` : '立即发布（点此改为定时）'}
          </View>
        </Picker>
        {publishDate ? (
          <Picker mode='time' value={publishTime} onChange={(e) => setPublishTime(e.detail.value)}>
            <View className='ll-button ll-button--secondary' {...a11y('button', `发布时间 ${publishTime}`)}>{`时间：${publishTime}`}</View>
          </Picker>
        ) : null}
      </Card>

      <Card title='图片'>
        <PhotoPicker label='图片' max={NOTICE_IMAGES_MAX} photos={images} onChange={setImages} onBusy={setUploading} />
      </Card>

      <ActionButton label={publishDate ? '定时发布' : '发布'} busy={busy} disabled={uploading} onTap={submit} />
    </Page>
  )
}
