import { Image, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import { NOTICE_CATEGORY_LABELS } from '@contract/notices'
import { absoluteUrl } from '@/api/upload-image'
import { ActionButton } from '@/components/action-button'
import { a11y } from '@/components/a11y'
import { Card } from '@/components/card'
import { EmptyState } from '@/components/empty-state'
import { LinkedText } from '@/components/linked-text'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { ReadAloud } from '@/components/read-aloud'
import { friendlyTime, fullTime } from '@/components/time'
import { useDetail } from '@/components/use-detail'
import { useRequireLogin } from '@/features/account/use-require-login'
import { ackNotice } from '@/features/notices/api/ack-notice'
import { getNotice } from '@/features/notices/api/get-notice'
import { refreshNoticeBadge } from '@/features/notices/api/get-unread-count'
import { withdrawNotice } from '@/features/notices/api/withdraw-notice'
import '@/features/notices/notices.css'
import { Tag } from '@/components/tag'

export default function NoticeDetailPage() {
  useRequireLogin()
  const { data: notice, error, refresh } = useDetail(async (id) => {
    const n = await getNotice(id)
    // Opening a notice reads it: the tab's count goes down at once.
    void refreshNoticeBadge()
    return n
  }, '找不到这条公告')
  const [busy, setBusy] = useState(false)

  useShareAppMessage(() => ({ title: notice ? `【${NOTICE_CATEGORY_LABELS[notice.category]}】${notice.title}` : '小区公告', path: notice ? `/pages/notices/detail?id=${notice.id}` : '/pages/notices/index' }))

  const confirm = async () => {
    if (!notice) return
    setBusy(true)
    try {
      await ackNotice(notice.id)
      await refresh()
      await Taro.showModal({ title: '已确认收到', content: '谢谢，物业和楼栋长会看到您已确认。', showCancel: false, confirmText: '知道了' })
    } catch (err) {
      await alertError(err, '确认没有成功')
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async () => {
    if (!notice) return
    const { confirm: ok } = await Taro.showModal({ title: '撤回公告', content: '撤回后住户将看不到这条公告（记录会保留）。确定撤回吗？', confirmText: '撤回', cancelText: '取消' })
    if (!ok) return
    try {
      await withdrawNotice(notice.id)
      Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/notices/index' }))
    } catch (err) {
      await alertError(err, '撤回没有成功')
    }
  }

  if (error) return <Page><EmptyState title='看不到这条公告' hint={error} /></Page>
  if (!notice) return <Page><Text className='ll-text ll-text--muted'>正在加载…</Text></Page>

  const urls = notice.images.map((i) => absoluteUrl(i.url))
  return (
    <Page>
      <Card>
        <View className='ll-notice-card__meta'>
          {notice.pinned ? <Tag tone='danger'>置顶</Tag> : null}
          <Tag>{NOTICE_CATEGORY_LABELS[notice.category]}</Tag>
          <Text>{notice.buildings.length ? notice.buildings.join('、') : '全小区'}</Text>
        </View>
        <Text className='ll-notice-detail__title'>{notice.title}</Text>
        <Text className='ll-text ll-text--muted'>
          {`${notice.author} · ${friendlyTime(notice.publishAt)}${notice.editedAt ? `（${fullTime(notice.editedAt)} 已更新）` : ''}`}
        </Text>
        {notice.updatedSinceAck ? <Text className='ll-notice-banner'>公告内容有更新，请重新阅读并确认收到</Text> : null}
        <LinkedText className='ll-notice-detail__body' text={notice.body} />
        {urls.length ? (
          <View className='ll-notice-images'>
            {notice.images.map((img, i) => (
              <Image key={img.id} className='ll-notice-image' src={absoluteUrl(img.thumbUrl)} mode='aspectFill' {...a11y('button', `查看第 ${i + 1} 张图片`)} onClick={() => Taro.previewImage({ urls, current: urls[i] })} />
            ))}
          </View>
        ) : null}
        {notice.requiresAck ? (
          notice.acked ? <View className='ll-notice-done'>已确认收到 ✓</View> : <ActionButton label='确认收到' busy={busy} onTap={confirm} />
        ) : null}
        <ReadAloud text={`${notice.title}。${notice.body}`} label='朗读公告' />
      </Card>
      {notice.canSeeReceipts ? <ActionButton variant='secondary' label='查看阅读情况' onTap={() => Taro.navigateTo({ url: `/packages/staff/notice-receipts?id=${notice.id}` })} /> : null}
      {notice.canEdit ? <ActionButton variant='danger' label='撤回公告' onTap={withdraw} /> : null}
    </Page>
  )
}
