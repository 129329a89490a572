import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { REPAIR_ACTION_LABELS, REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS, REPAIR_PHOTOS_MAX, REPAIR_URGENCY_LABELS, type RepairAction } from '@contract/repairs'
import type { RepairTicket } from '@contract/schemas/repairs'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { EmptyState } from '@/components/empty-state'
import { alertError, toastDone } from '@/components/notify'
import { PhotoPicker } from '@/components/photo-picker'
import { Page } from '@/components/page'
import { TextArea } from '@/components/text-input'
import { fullTime } from '@/components/time'
import { ToggleRow } from '@/components/toggle-row'
import { useDetail } from '@/components/use-detail'
import { useRequireLogin } from '@/features/account/use-require-login'
import { commentRepair } from '@/features/repairs/api/comment-repair'
import { getRepair } from '@/features/repairs/api/get-repair'
import { listWorkers } from '@/features/repairs/api/list-workers'
import { rateRepair } from '@/features/repairs/api/rate-repair'
import { transitionRepair } from '@/features/repairs/api/transition-repair'
import type { UploadedImage } from '@/api/upload-image'
import { urgeRepair } from '@/features/repairs/api/urge-repair'
import { StarRating } from '@/features/repairs/components/star-rating'
import { Timeline } from '@/features/repairs/components/timeline'
import '@/features/repairs/repairs.css'

const CONFIRM: Partial<Record<RepairAction, string>> = {
  cancel: '撤销后物业不再处理这张报修。',
  close: '确认已经修好了吗？',
  reopen: '工单会重新交给物业处理。',
}

export default function RepairDetailPage() {
  useRequireLogin()
  const { id, data: ticket, error, refresh, setData: setTicket } = useDetail(getRepair, '找不到这张报修')
  const [busy, setBusy] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [internal, setInternal] = useState(false)
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [stars, setStars] = useState({ overall: 5, speed: 5, attitude: 5 })
  const [rateComment, setRateComment] = useState('')

  const run = async (label: string, fn: () => Promise<RepairTicket>, done: string) => {
    setBusy(label)
    try {
      setTicket(await fn())
      toastDone(done)
      return true
    } catch (err) {
      await alertError(err)
      // The ticket may have moved on (409): show where it stands now.
      void refresh()
      return false
    } finally {
      setBusy(null)
    }
  }

  const act = async (action: RepairAction) => {
    const body: { action: RepairAction; assigneeId?: number; note?: string; photoIds?: string[] } = { action }
    if (action === 'assign') {
      const workers = await listWorkers().catch((err: unknown) => {
        alertError(err)
        return null
      })
      if (!workers) return
      if (workers.length === 0) {
        await Taro.showModal({ title: '没有维修师傅', content: '请先由管理员为维修师傅授予身份。', showCancel: false, confirmText: '知道了' })
        return
      }
      const shown = workers.slice(0, 6)
      const picked = await Taro.showActionSheet({ itemList: shown.map((w) => `${w.name}（在办 ${w.openJobs}）`) }).catch(() => null)
      if (!picked) return
      body.assigneeId = shown[picked.tapIndex]!.id
    }
    if (action === 'reject' && !note.trim()) {
      await Taro.showModal({ title: '请写明原因', content: '在下方“说明”里写清不予受理的原因，以及居民可以找谁处理。', showCancel: false, confirmText: '知道了' })
      return
    }
    if (CONFIRM[action]) {
      const ok = await Taro.showModal({ title: REPAIR_ACTION_LABELS[action], content: CONFIRM[action]!, confirmText: '确定', cancelText: '再想想' })
      if (!ok.confirm) return
    }
    if (note.trim() && !internal) body.note = note.trim()
    if ((action === 'resolve' || action === 'start') && photos.length) body.photoIds = photos.map((p) => p.id)
    if (await run(action, () => transitionRepair(id, body), REPAIR_ACTION_LABELS[action])) {
      setNote('')
      setPhotos([])
    }
  }

  const comment = async () => {
    if (!note.trim()) return
    if (await run('comment', () => commentRepair(id, { text: note.trim(), internal, photoIds: photos.map((p) => p.id) }), '已留言')) {
      setNote('')
      setPhotos([])
    }
  }

  if (error) {
    return (
      <Page>
        <EmptyState title='打不开这张报修' hint={error} />
      </Page>
    )
  }
  if (!ticket) {
    return (
      <Page>
        <Text className='ll-text ll-text--muted'>正在加载…</Text>
      </Page>
    )
  }
  const t = ticket
  const crew = t.parties.some((p) => p === 'staff' || p === 'admin' || p === 'assignee')

  return (
    <Page title='报修详情'>
      <Card title={`${REPAIR_CATEGORY_LABELS[t.category]} · ${REPAIR_STATUS_LABELS[t.status]}`}>
        <Text className='ll-text'>{t.location.text}</Text>
        <Text className='ll-text'>{t.description}</Text>
        <Text className='ll-text ll-text--muted'>{`${REPAIR_URGENCY_LABELS[t.urgency]} · 期限 ${fullTime(t.slaDueAt)}${t.overdue ? '（已超时）' : ''}`}</Text>
        {t.assignee ? <Text className='ll-text ll-text--muted'>{`维修师傅：${t.assignee.name}`}</Text> : null}
        {t.preferredTime ? <Text className='ll-text ll-text--muted'>{`上门时间：${t.preferredTime}`}</Text> : null}
        {t.reporterName ? <Text className='ll-text ll-text--muted'>{`报修人：${t.reporterName}`}</Text> : null}
        {t.contactPhone ? (
          crew ? (
            <ActionButton variant='secondary' label={`拨打 ${t.contactPhone}`} onTap={() => Taro.makePhoneCall({ phoneNumber: t.contactPhone! })} />
          ) : (
            <Text className='ll-text ll-text--muted'>{`联系电话：${t.contactPhone}`}</Text>
          )
        ) : null}
        {t.location.kind === 'public' ? <Text className='ll-text ll-text--muted'>{`${t.meTooCount} 位邻居也遇到了`}</Text> : null}
      </Card>

      <Card title='处理进度'>
        <Timeline events={t.events} />
      </Card>

      {t.canRate ? (
        <Card title='评价这次维修'>
          <StarRating label='总体' value={stars.overall} onChange={(overall) => setStars({ ...stars, overall })} />
          <StarRating label='速度' value={stars.speed} onChange={(speed) => setStars({ ...stars, speed })} />
          <StarRating label='态度' value={stars.attitude} onChange={(attitude) => setStars({ ...stars, attitude })} />
          <TextArea label='评价内容' value={rateComment} maxlength={500} placeholder='想对师傅说的话（可不填）' onChange={setRateComment} />
          <ActionButton label='提交评价' busy={busy === 'rate'} onTap={() => run('rate', () => rateRepair(id, { ...stars, ...(rateComment.trim() ? { comment: rateComment.trim() } : {}) }), '感谢评价')} />
        </Card>
      ) : null}
      {t.rating ? (
        <Card title='评价'>
          <Text className='ll-text'>{`总体 ${t.rating.overall} 星 · 速度 ${t.rating.speed} 星 · 态度 ${t.rating.attitude} 星`}</Text>
          {t.rating.comment ? <Text className='ll-text'>{t.rating.comment}</Text> : null}
        </Card>
      ) : null}

      {t.actions.length || t.canComment || t.canUrge ? (
        <Card title='操作'>
          {t.canComment ? (
            <View>
              <Text className='ll-field__label'>说明 / 留言</Text>
              <TextArea label='说明或留言' value={note} maxlength={500} placeholder={crew ? '处理说明、不予受理的原因，或留言' : '补充情况或留言'} onChange={setNote} />
              {crew ? <ToggleRow label='内部备注' hint='只有物业和维修师傅能看到' checked={internal} onChange={setInternal} /> : null}
              {crew ? <PhotoPicker label='现场照片' max={REPAIR_PHOTOS_MAX} photos={photos} onChange={setPhotos} onBusy={setUploading} /> : null}
              <ActionButton variant='secondary' label={internal ? '保存内部备注' : '发送留言'} disabled={!note.trim() || uploading} busy={busy === 'comment'} onTap={comment} />
            </View>
          ) : null}
          {t.actions.map((a) => (
            <ActionButton key={a} variant={a === 'reject' || a === 'cancel' ? 'danger' : 'primary'} label={REPAIR_ACTION_LABELS[a]} disabled={uploading} busy={busy === a} onTap={() => act(a)} />
          ))}
          {t.canUrge ? <ActionButton variant='secondary' label='催一催' busy={busy === 'urge'} onTap={() => run('urge', () => urgeRepair(id), '已催单')} /> : null}
        </Card>
      ) : null}
    </Page>
  )
}
