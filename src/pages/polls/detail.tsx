import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import { LEGAL_RULE_LABELS, POLL_STATUS_LABELS, POLL_VOTERS_LABELS, } from '@contract/polls'
import { placeLabel } from '@contract/format'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { EmptyState } from '@/components/empty-state'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { ReadAloud, speak, spelled } from '@/components/read-aloud'
import { TextField } from '@/components/text-field'
import { fullTime } from '@/components/time'
import { useDetail } from '@/components/use-detail'
import { useRequireLogin } from '@/features/account/use-require-login'
import { castBallot } from '@/features/polls/api/cast-ballot'
import { checkReceipt } from '@/features/polls/api/check-receipt'
import { getPoll } from '@/features/polls/api/get-poll'
import { getResults } from '@/features/polls/api/get-results'
import { askToSubscribe, canAskToSubscribe, preloadSubscribeTemplates } from '@/features/messages/subscribe'
import { ResultsView } from '@/features/polls/components/results-view'
import '@/features/polls/polls.css'
import { Tag } from '@/components/tag'

export default function PollDetailPage() {
  const me = useRequireLogin()
  const isRep = !!me?.roles.some((r) => r.role === 'rep')
  const care = me?.user.careMode ?? false
  const { data, error, refresh } = useDetail(async (id) => {
    const p = await getPoll(id)
    return { poll: p, results: p.resultsAvailable ? await getResults(id).catch(() => null) : null }
  }, '找不到这个投票')
  const poll = data?.poll ?? null
  const results = data?.results ?? null
  const [picked, setPicked] = useState<number[]>([])
  const [changing, setChanging] = useState(false)
  const [busy, setBusy] = useState(false)
  /** A receipt code typed in to check (a paper ballot's, or anyone's). */
  const [code, setCode] = useState('')
  /** Care mode: the ballot just cast, shown big and read aloud. */
  const [justCast, setJustCast] = useState<{ labels: string; receipt: string; changed: boolean } | null>(null)

  useLoad(() => {
    preloadSubscribeTemplates()
  })

  useShareAppMessage(() => ({ title: poll ? `请投票：${poll.title}` : '小区投票', path: poll ? `/pages/polls/detail?id=${poll.id}` : '/pages/polls/index' }))

  if (error) return <Page><EmptyState title='看不到这个投票' hint={error} /></Page>
  if (!poll) return <Page><Text className='ll-polls-muted'>正在加载…</Text></Page>

  const toggle = (id: number) => {
    if (poll.kind === 'multi') {
      setPicked((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : prev.length < poll.maxChoices ? [...prev, id] : prev))
    } else {
      setPicked([id])
    }
  }

  const cast = async (choices: number[]) => {
    const labels = poll.options.filter((o) => choices.includes(o.id)).map((o) => o.label).join('、')
    const household = poll.myHouseholds[0]
    const { confirm } = await Taro.showModal({
      title: poll.myBallot ? '确认改票' : '确认投票',
      content: `代表 ${household ? placeLabel(household) : '本户'} 选择：${labels}`,
      confirmText: poll.myBallot ? '改票' : '投票',
      cancelText: '再想想',
    })
    if (!confirm) return
    setBusy(true)
    try {
      const r = await castBallot(poll.id, choices, household?.householdId)
      setChanging(false)
      setPicked([])
      await refresh()
      if (care) {
        // No dialog to dismiss: the result stays on the page in large type and is read aloud once.
        setJustCast({ labels, receipt: r.receipt, changed: r.changed })
        speak(receiptSpeech(r.changed, labels, r.receipt))
      } else {
        await Taro.showModal({ title: r.changed ? '已改票' : '投票成功', content: `回执码 ${r.receipt}，可用来核对本户的票已计入。`, showCancel: false, confirmText: '知道了' })
      }
    } catch (err) {
      await alertError(err, '投票没有成功')
    } finally {
      setBusy(false)
    }
  }

  const submit = async () => {
    if (picked.length === 0) {
      await Taro.showModal({ title: '请先选择', content: poll.kind === 'multi' ? `请选择 1 到 ${poll.maxChoices} 项` : '请选择一项', showCancel: false, confirmText: '知道了' })
      return
    }
    await cast(picked)
  }

  const verifyReceipt = async (receipt: string) => {
    if (!/^[A-Za-z0-9]{4,16}$/.test(receipt.trim())) {
      await Taro.showModal({ title: '回执码不对', content: '回执码是投票后显示的一串字母和数字，请对照纸条再输一遍。', showCancel: false, confirmText: '知道了' })
      return
    }
    try {
      const counted = await checkReceipt(poll.id, receipt)
      await Taro.showModal({ title: counted ? '已计入' : '未找到', content: counted ? '回执码核对无误，本户的票已计入统计。' : '没有找到这张回执，请联系楼栋长。', showCancel: false, confirmText: '知道了' })
    } catch (err) {
      await alertError(err, '核对没有成功')
    }
  }

  const showOptions = poll.canVote && (!poll.myBallot || changing)
  // Care mode, one choice: tapping an option is the vote (then one big confirmation) — three taps from home.
  const tapToVote = care && poll.kind !== 'multi'
  const question = `${poll.title}。${poll.description ?? ''}。选项：${poll.options.map((o) => o.label).join('，')}`
  const labelOf = (id: number) => poll.options.find((o) => o.id === id)?.label ?? ''

  return (
    <Page title='投票'>
      <Card>
        <View className='ll-polls-card__meta'>
          <Tag tone={poll.status === 'closed' || poll.status === 'cancelled' ? 'neutral' : 'primary'}>{POLL_STATUS_LABELS[poll.status]}</Tag>
          {poll.legalRule !== 'none' ? <Tag>{LEGAL_RULE_LABELS[poll.legalRule]}</Tag> : null}
          <Text>{poll.buildings.length ? poll.buildings.join('、') : '全小区'}</Text>
        </View>
        <Text className='ll-polls-title'>{poll.title}</Text>
        {poll.description ? <Text className='ll-polls-text'>{poll.description}</Text> : null}
        <Text className='ll-polls-muted'>
          {`${poll.secret ? '不记名' : '记名'} · ${POLL_VOTERS_LABELS[poll.voters]} · 截止 ${fullTime(poll.closesAt)}${poll.kind === 'multi' ? ` · 最多选 ${poll.maxChoices} 项` : ''}`}
        </Text>
        {poll.cancelReason ? <Text className='ll-polls-muted'>{`已取消：${poll.cancelReason}`}</Text> : null}
        {poll.closeReason ? <Text className='ll-polls-muted'>{`提前结束：${poll.closeReason}`}</Text> : null}
        <ReadAloud text={question} label='读题目给我听' />
      </Card>

      {justCast ? (
        <Card title={justCast.changed ? '已改票' : '投票成功'}>
          <Text className='ll-polls-text'>{`您选择了：${justCast.labels}`}</Text>
          <Text className='ll-polls-muted'>回执码</Text>
          <Text className='ll-polls-receipt'>{justCast.receipt}</Text>
          <ReadAloud text={receiptSpeech(justCast.changed, justCast.labels, justCast.receipt)} label='再读一遍' />
        </Card>
      ) : null}

      {poll.myBallot && !justCast ? (
        <Card title='本户的票'>
          <Text className='ll-polls-text'>
            {poll.myBallot.choices ? `选择：${poll.myBallot.choices.map(labelOf).join('、')}` : '本户已投票（不记名投票，内容不显示）'}
          </Text>
          <Text className='ll-polls-muted'>{`${poll.myBallot.channel === 'paper' ? '纸质票' : '手机投票'} · ${fullTime(poll.myBallot.castAt)}${poll.myBallot.changes ? ` · 改过 ${poll.myBallot.changes} 次` : ''}`}</Text>
          <Text className='ll-polls-muted'>回执码</Text>
          <Text className='ll-polls-receipt'>{poll.myBallot.receipt}</Text>
          <ActionButton variant='secondary' label='核对回执' onTap={() => verifyReceipt(poll.myBallot!.receipt)} />
          {poll.canVote && !changing ? <ActionButton variant='secondary' label='改票' onTap={() => setChanging(true)} /> : null}
        </Card>
      ) : null}

      {poll.status === 'open' && poll.canVote && !poll.myBallot && canAskToSubscribe(['poll.closing']) ? (
        <ActionButton variant='secondary' label='截止前微信提醒我' onTap={() => askToSubscribe(['poll.closing', 'poll.results'])} />
      ) : null}

      {showOptions ? (
        <Card title={poll.myBallot ? '重新选择' : '请选择'}>
          <View className='ll-polls-options' {...a11y(poll.kind === 'multi' ? 'group' : 'radiogroup', '选项', false)}>
            {poll.options.map((o) => {
              const on = picked.includes(o.id)
              return (
                <View
                  key={o.id}
                  className={`ll-polls-option${on ? ' ll-polls-option--on' : ''}`}
                  {...a11y(poll.kind === 'multi' ? 'checkbox' : 'radio', o.label)}
                  aria-checked={on ? 'true' : 'false'}
                  onClick={() => {
                    if (!tapToVote) toggle(o.id)
                    else if (!busy) cast([o.id])
                  }}
                >
                  {o.label}
                </View>
              )
            })}
          </View>
          {tapToVote ? (
            <Text className='ll-polls-muted'>{busy ? '正在投票…' : '点一下您的选择，再点“投票”确认'}</Text>
          ) : (
            <ActionButton label={poll.myBallot ? '提交改票' : '提交投票'} busy={busy} onTap={submit} />
          )}
        </Card>
      ) : null}
      {poll.status === 'open' && poll.myHouseholds.length === 0 ? <EmptyState title='您不在本次投票范围内' hint={poll.voters === 'owners' ? '本次投票仅限业主本人' : '本次投票只面向所选楼栋'} /> : null}

      {results ? (
        <Card title='投票结果'>
          <ResultsView results={results} />
        </Card>
      ) : poll.status !== 'draft' ? (
        <Text className='ll-polls-muted'>投票结束后公布结果</Text>
      ) : null}

      {!care && poll.status !== 'draft' ? (
        <Card title='核对回执码'>
          <Text className='ll-polls-muted'>纸质票或手机投票的回执码都可以在这里核对是否已计入（不显示投票内容）。</Text>
          <TextField label='回执码' value={code} onChange={setCode} maxlength={16} placeholder='12 位字母和数字' />
          <ActionButton variant='secondary' label='核对' onTap={() => verifyReceipt(code)} />
        </Card>
      ) : null}

      {poll.canManage || isRep ? <ActionButton variant='secondary' label={poll.canManage ? '管理投票' : '未投票名单与纸质票'} onTap={() => Taro.navigateTo({ url: `/packages/staff/poll-console?id=${poll.id}` })} /> : null}
      <ActionButton variant='secondary' label='返回投票列表' onTap={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/polls/index' }))} />
    </Page>
  )
}

function receiptSpeech(changed: boolean, labels: string, receipt: string): string {
  return `${changed ? '已改票' : '投票成功'}。您选择了${labels}。回执码：${spelled(receipt)}`
}
