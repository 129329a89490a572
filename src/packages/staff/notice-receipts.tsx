import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { NoticeReceipts } from '@contract/schemas/notices'
import { placeLabel } from '@contract/format'
import { api } from '@/api/client'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { EmptyState } from '@/components/empty-state'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { fullTime } from '@/components/time'
import { useDetail } from '@/components/use-detail'
import { useRequireLogin } from '@/features/account/use-require-login'
import { getReceipts } from '@/features/notices/api/get-receipts'
import { remindHouseholds } from '@/features/notices/api/remind-households'
import '@/features/notices/notices.css'

type Ref = NoticeReceipts['unread'][number]

function Bar({ label, part, total, percent }: { label: string; part: number; total: number; percent: number }) {
  return (
    <View>
      <View className='ll-notice-stat'>
        <Text>{label}</Text>
        <Text>{`${part}/${total} 户（${percent}%）`}</Text>
      </View>
      <View className='ll-notice-bar' aria-hidden='true'>
        <View className='ll-notice-bar__fill' style={{ width: `${percent}%` }} />
      </View>
    </View>
  )
}

function RoomList({ title, rooms }: { title: string; rooms: Ref[] }) {
  return (
    <Card title={`${title}（${rooms.length} 户）`}>
      {rooms.length === 0 ? <Text className='ll-text'>全部完成 ✓</Text> : null}
      <View className='ll-notice-rooms'>
        {rooms.map((h) => (
          <Text key={h.householdId} className='ll-notice-room'>
            {placeLabel(h)}
          </Text>
        ))}
      </View>
    </Card>
  )
}

export default function NoticeReceiptsPage() {
  useRequireLogin()
  const { id, data, error, refresh } = useDetail(getReceipts, '找不到这条公告')
  const [busy, setBusy] = useState(false)

  const remind = async () => {
    setBusy(true)
    try {
      const r = await remindHouseholds(id)
      await Taro.showModal({
        title: '已发送提醒',
        content: `已提醒 ${r.households - r.householdsWithoutApp} 户（${r.people} 人）。${r.householdsWithoutApp ? `另有 ${r.householdsWithoutApp} 户没有使用邻里通，需要上门或电话告知。` : ''}`,
        showCancel: false,
        confirmText: '知道了',
      })
      await refresh()
    } catch (err) {
      await alertError(err, '提醒没有发送')
    } finally {
      setBusy(false)
    }
  }

  /** H5 downloads the CSV; in WeChat the unread list is copied, ready to paste into the building's group. */
  const exportList = async () => {
    if (!data) return
    if (process.env.TARO_ENV === 'h5') {
      try {
        const res = await api.get<Blob>(`/notices/${id}/receipts.csv`, { responseType: 'blob' })
        const url = URL.createObjectURL(res.data)
        const a = document.createElement('a')
        a.href = url
        a.download = `公告${id}阅读情况.csv`
        a.click()
        URL.revokeObjectURL(url)
      } catch (err) {
        await alertError(err, '导出没有成功')
      }
      return
    }
    await Taro.setClipboardData({ data: `未读住户：${data.unread.map((h) => placeLabel(h)).join('、') || '无'}` })
  }

  if (error) return <Page><EmptyState title='看不到阅读情况' hint={error} /></Page>
  if (!data) return <Page><Text className='ll-text ll-text--muted'>正在加载…</Text></Page>

  const h = data.households
  return (
    <Page title='阅读情况'>
      <Card title='总体'>
        <Bar label='已读' part={h.read} total={h.total} percent={h.readPercent} />
        {data.requiresAck ? <Bar label='已确认收到' part={h.acked} total={h.total} percent={h.ackedPercent} /> : null}
        {data.lastRemindedAt ? <Text className='ll-text ll-text--muted'>{`上次提醒：${fullTime(data.lastRemindedAt)}`}</Text> : null}
        <ActionButton label='提醒未读住户' busy={busy} disabled={data.unread.length === 0} onTap={remind} />
        <ActionButton variant='secondary' label={process.env.TARO_ENV === 'h5' ? '导出表格（CSV）' : '复制未读名单'} onTap={exportList} />
      </Card>
      <Card title='按楼栋'>
        {data.byBuilding.map((b) => (
          <Bar key={b.buildingId} label={b.building} part={data.requiresAck ? b.acked : b.read} total={b.total} percent={data.requiresAck ? b.ackedPercent : b.readPercent} />
        ))}
      </Card>
      <RoomList title='未读' rooms={data.unread} />
      {data.requiresAck ? <RoomList title='未确认收到' rooms={data.unacked} /> : null}
    </Page>
  )
}
