import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { LEGAL_RULES, LEGAL_RULE_LABELS, POLL_KINDS, POLL_KIND_LABELS, POLL_OPTIONS_MAX, POLL_TITLE_MAX, type LegalRule, type PollKind } from '@contract/polls'
import { ActionButton } from '@/components/action-button'
import { AudiencePicker, useAudience } from '@/components/audience-picker'
import { Card } from '@/components/card'
import { ChoiceGroup } from '@/components/choice-group'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { TextArea } from '@/components/text-input'
import { TextField } from '@/components/text-field'
import { ToggleRow } from '@/components/toggle-row'
import { useRequireLogin } from '@/features/account/use-require-login'
import { createPoll } from '@/features/polls/api/create-poll'
import '@/features/polls/polls.css'

const KIND_OPTIONS = POLL_KINDS.map((k) => ({ value: k, label: POLL_KIND_LABELS[k] }))
const RULE_OPTIONS = LEGAL_RULES.map((r) => ({ value: r, label: LEGAL_RULE_LABELS[r] }))
const DURATIONS = [
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
  { value: '14', label: '14 天' },
]

export default function PollEditPage() {
  const me = useRequireLogin()
  const audience = useAudience(me)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [kind, setKind] = useState<PollKind>('approve')
  const [optionsText, setOptionsText] = useState('')
  const [maxChoices, setMaxChoices] = useState('')
  const [legalRule, setLegalRule] = useState<LegalRule>('none')
  const [secret, setSecret] = useState(false)
  const [afterClose, setAfterClose] = useState(false)
  const [membersVote, setMembersVote] = useState(false)
  const [days, setDays] = useState('7')
  const [busy, setBusy] = useState(false)

  const legal = legalRule !== 'none'

  const submit = async () => {
    const options = optionsText.split('\n').map((o) => o.trim()).filter(Boolean)
    setBusy(true)
    try {
      const poll = await createPoll({
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        kind: legal ? 'approve' : kind,
        ...(!legal && kind !== 'approve' ? { options } : {}),
        ...(!legal && kind === 'multi' && maxChoices ? { maxChoices: Number(maxChoices) } : {}),
        buildingIds: audience.buildingIds,
        closesAt: new Date(Date.now() + Number(days) * 86400_000).toISOString(),
        secret,
        resultsVisibility: afterClose ? 'after_close' : 'live',
        legalRule,
        voters: legal || !membersVote ? 'owners' : 'members',
      })
      Taro.redirectTo({ url: `/packages/staff/poll-console?id=${poll.id}` })
    } catch (err) {
      await alertError(err, '没有创建成功')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title='发起投票'>
      <Card>
        <TextField label='标题' value={title} onChange={setTitle} maxlength={POLL_TITLE_MAX} placeholder='例如：是否更换 1 号楼电梯' />
        <Text className='ll-field__label'>说明（可选）</Text>
        <TextArea label='说明' value={description} maxlength={2000} onChange={setDescription} />
      </Card>
      <Card title='表决规则'>
        <ChoiceGroup label='法定规则' options={RULE_OPTIONS} value={legalRule} onChange={setLegalRule} />
        {legal ? <Text className='ll-polls-muted'>业主共同决定事项按《民法典》第二百七十八条计票：同意/反对/弃权，仅业主投票。</Text> : null}
        {!legal ? <ChoiceGroup label='投票方式' options={KIND_OPTIONS} value={kind} onChange={setKind} /> : null}
        {!legal && kind !== 'approve' ? (
          <View>
            <Text className='ll-field__label'>{`选项（每行一个，2–${POLL_OPTIONS_MAX} 个）`}</Text>
            <TextArea label='选项，每行一个' value={optionsText} onChange={setOptionsText} />
          </View>
        ) : null}
        {!legal && kind === 'multi' ? <TextField label='最多可选几项（默认不限）' type='number' value={maxChoices} onChange={setMaxChoices} /> : null}
        {!legal ? <ToggleRow label='家庭成员也可代表本户投票' hint='关闭时仅业主本人可以投票' checked={membersVote} onChange={setMembersVote} /> : null}
        <ToggleRow label='不记名投票' hint='任何人都看不到每户投了什么，只能看到是否已投' checked={secret} onChange={setSecret} />
        <ToggleRow label='结束后才公布结果' checked={afterClose} onChange={setAfterClose} />
        <ChoiceGroup label='投票时长' options={DURATIONS} value={days} onChange={setDays} />
      </Card>
      <Card title={audience.isStaff ? '范围（不选即全小区）' : '范围（您负责的楼栋）'}>
        <AudiencePicker audience={audience} />
      </Card>
      <ActionButton label='创建（草稿）' busy={busy} onTap={submit} />
    </Page>
  )
}
