import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { POLL_STATUS_LABELS, } from '@contract/polls'
import { placeLabel } from '@contract/format'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { EmptyState } from '@/components/empty-state'
import { alertError, alertInfo, toastDone } from '@/components/notify'
import { Page } from '@/components/page'
import { useDetail } from '@/components/use-detail'
import { useRequireLogin } from '@/features/account/use-require-login'
import { cancelPoll } from '@/features/polls/api/cancel-poll'
import { closePoll } from '@/features/polls/api/close-poll'
import { exportResults } from '@/features/polls/api/export-results'
import { getPoll } from '@/features/polls/api/get-poll'
import { getTurnout } from '@/features/polls/api/get-turnout'
import { openPoll } from '@/features/polls/api/open-poll'
import { PaperBallotForm, type PaperBallotHousehold } from '@/features/polls/components/paper-ballot-form'
import '@/features/polls/polls.css'

/** The representative's console: open/close, who has not voted yet (door to door), paper ballots, the public record. */
export default function PollConsolePage() {
  useRequireLogin()
  const { data, error, refresh } = useDetail(async (id) => {
    const p = await getPoll(id)
    return { poll: p, turnout: p.status === 'draft' ? null : await getTurnout(id).catch(() => null) }
  }, '找不到这个投票')
  const poll = data?.poll ?? null
  const turnout = data?.turnout ?? null
  const [busy, setBusy] = useState(false)
  const [paperFor, setPaperFor] = useState<PaperBallotHousehold | null>(null)

  if (error) return <Page><EmptyState title='打不开这个投票' hint={error} /></Page>
  if (!poll) return <Page><Text className='ll-polls-muted'>正在加载…</Text></Page>

  const run = async (action: () => Promise<unknown>, done: string, failed: string) => {
    setBusy(true)
    try {
      await action()
      toastDone(done)
      await refresh()
    } catch (err) {
      await alertError(err, failed)
    } finally {
      setBusy(false)
    }
  }

  const open = async () => {
    const { confirm } = await Taro.showModal({ title: '发布投票', content: '发布后住户会收到通知，投票开始。', confirmText: '发布', cancelText: '取消' })
    if (confirm) await run(() => openPoll(poll.id), '已发布', '发布没有成功')
  }
  const close = async () => {
    const { confirm } = await Taro.showModal({ title: '结束投票', content: '结束后不能再投票，结果将按当前票数计算。', confirmText: '结束', cancelText: '取消' })
    if (confirm) await run(() => closePoll(poll.id, '发起人提前结束'), '已结束', '结束没有成功')
  }
  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消投票', content: '取消后已投的票仍保留存档。确定取消吗？', confirmText: '取消投票', cancelText: '返回' })
    if (confirm) await run(() => cancelPoll(poll.id, '发起人取消'), '已取消', '取消没有成功')
  }

  const paperDone = async (receipt: string) => {
    const place = paperFor ? placeLabel(paperFor) : ''
    setPaperFor(null)
    await refresh()
    await alertInfo('已录入纸质票', `${place} 的回执码 ${receipt}，可抄在纸质票上交给住户，用于核对已计入。`)
  }

  const exportCsv = async () => {
    try {
      const csv = await exportResults(poll.id)
      if (process.env.TARO_ENV === 'h5') {
        const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
        const a = document.createElement('a')
        a.href = url
        a.download = `poll-${poll.id}-results.csv`
        a.click()
        URL.revokeObjectURL(url)
      } else {
        await Taro.setClipboardData({ data: csv })
      }
      toastDone('已导出')
    } catch (err) {
      await alertError(err, '导出没有成功')
    }
  }

  return (
    <Page title='投票管理'>
      <Card>
        <Text className='ll-polls-title'>{poll.title}</Text>
        <Text className='ll-polls-muted'>{`状态：${POLL_STATUS_LABELS[poll.status]}`}</Text>
        {turnout ? <Text className='ll-polls-text'>{`已投 ${turnout.voted} / ${turnout.eligibleHouseholds} 户`}</Text> : null}
      </Card>
      {poll.canManage && poll.status === 'draft' ? <ActionButton label='发布投票' busy={busy} onTap={open} /> : null}
      {poll.canManage && (poll.status === 'open' || poll.status === 'scheduled') ? <ActionButton label='结束投票' busy={busy} onTap={close} /> : null}
      {poll.canManage && poll.status !== 'closed' && poll.status !== 'cancelled' ? <ActionButton variant='danger' label='取消投票' busy={busy} onTap={cancel} /> : null}
      {poll.resultsAvailable ? <ActionButton variant='secondary' label={process.env.TARO_ENV === 'h5' ? '导出公示表（CSV）' : '复制公示表（CSV）'} onTap={exportCsv} /> : null}
      <ActionButton variant='secondary' label='查看投票详情与结果' onTap={() => Taro.navigateTo({ url: `/pages/polls/detail?id=${poll.id}` })} />
      {paperFor ? <PaperBallotForm poll={poll} household={paperFor} onDone={paperDone} onCancel={() => setPaperFor(null)} /> : null}
      {turnout && !paperFor ? (
        <Card title={`未投票的住户（${turnout.notVoted.length} 户）${poll.status === 'open' ? '：点一户录入纸质票' : ''}`}>
          {turnout.notVoted.length === 0 ? <Text className='ll-polls-muted'>全部住户都已投票</Text> : null}
          {turnout.notVoted.map((h) => (
            <View
              key={h.householdId}
              className='ll-polls-household'
              {...a11y('button', `${placeLabel(h)}，录入纸质票`)}
              onClick={() => {
                if (poll.status === 'open') setPaperFor(h)
              }}
            >
              <Text>{placeLabel(h, { spaced: true })}</Text>
              {poll.status === 'open' ? <Text className='ll-polls-muted'>录入纸质票 ›</Text> : null}
            </View>
          ))}
        </Card>
      ) : null}
      {turnout && !paperFor && poll.status === 'open' && turnout.votedInApp.length > 0 ? (
        <Card title={`已在手机上投票（${turnout.votedInApp.length} 户）`}>
          <Text className='ll-polls-muted'>住户交来书面更正时，可以纸质票覆盖手机票（需写原因，两张票都留档）。</Text>
          {turnout.votedInApp.map((h) => (
            <View key={h.householdId} className='ll-polls-household' {...a11y('button', `${placeLabel(h)}，以纸质票覆盖`)} onClick={() => setPaperFor({ ...h, votedInApp: true })}>
              <Text>{placeLabel(h, { spaced: true })}</Text>
              <Text className='ll-polls-muted'>纸质票覆盖 ›</Text>
            </View>
          ))}
        </Card>
      ) : null}
    </Page>
  )
}
