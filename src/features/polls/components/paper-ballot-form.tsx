import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Poll } from '@contract/schemas/polls'
import { placeLabel } from '@contract/format'
import { ApiError } from '@/api/client'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { alertError, alertInfo } from '@/components/notify'
import { TextField } from '@/components/text-field'
import { enterPaperBallot } from '../api/enter-paper-ballot'

export interface PaperBallotHousehold {
  householdId: number
  building: string
  unit: string
  room: string
  /** The household already voted in the app: entering paper needs an explicit override with a reason. */
  votedInApp?: boolean
}

export interface PaperBallotFormProps {
  poll: Poll
  household: PaperBallotHousehold
  onDone: (receipt: string) => void
  onCancel: () => void
}

/**
 * Enters one neighbour's paper ballot: the options as on the ballot paper (single, multiple up to the maximum,
 * or 同意/反对/弃权), a note (e.g. who handed it in), and — only when the household has already voted in the
 * app — an explicit override with a reason, which the server logs next to the app ballot it replaces.
 */
export function PaperBallotForm({ poll, household, onDone, onCancel }: PaperBallotFormProps) {
  const [picked, setPicked] = useState<number[]>([])
  const [note, setNote] = useState('')
  const [override, setOverride] = useState(household.votedInApp === true)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const place = placeLabel(household)
  const multi = poll.kind === 'multi'

  const toggle = (id: number) =>
    setPicked((prev) => (!multi ? [id] : prev.includes(id) ? prev.filter((x) => x !== id) : prev.length < poll.maxChoices ? [...prev, id] : prev))

  const submit = async () => {
    if (picked.length === 0) {
      await alertInfo('还差一步', multi ? `请按纸质票勾选 1 到 ${poll.maxChoices} 项` : '请按纸质票选择一项')
      return
    }
    if (override && !reason.trim()) {
      await alertInfo('还差一步', '以纸质票覆盖手机投票，必须写明原因（例如：业主本人书面更正）')
      return
    }
    setBusy(true)
    try {
      const r = await enterPaperBallot(poll.id, {
        householdId: household.householdId,
        choices: picked,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(override ? { override: true, reason: reason.trim() } : {}),
      })
      onDone(r.receipt)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'BALLOT_EXISTS_APP') {
        // The household voted in the app meanwhile: say so and ask for the override instead of replacing silently.
        setOverride(true)
        await alertInfo('这户已在手机上投票', '如以纸质票为准，请填写覆盖原因后再录入；两张票都会留档。')
      } else {
        await alertError(err, '录入没有成功')
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title={`录入纸质票：${place}`}>
      {override ? <Text className='ll-polls-warning'>这户已在手机上投票。录入纸质票会以纸质票为准，手机票和原因都会记入投票记录。</Text> : null}
      <View className='ll-polls-options' {...a11y(multi ? 'group' : 'radiogroup', '纸质票上的选择', false)}>
        {poll.options.map((o) => {
          const on = picked.includes(o.id)
          return (
            <View key={o.id} className={`ll-polls-option${on ? ' ll-polls-option--on' : ''}`} {...a11y(multi ? 'checkbox' : 'radio', o.label)} aria-checked={on ? 'true' : 'false'} onClick={() => toggle(o.id)}>
              {o.label}
            </View>
          )
        })}
      </View>
      <TextField label='备注（可不填）' value={note} onChange={setNote} maxlength={200} placeholder='例如：业主本人交来，已核对身份' />
      {override ? <TextField label='覆盖原因（必填）' value={reason} onChange={setReason} maxlength={200} placeholder='例如：业主书面更正手机投票' /> : null}
      <ActionButton variant={override ? 'danger' : 'primary'} label={override ? '以纸质票覆盖' : '录入'} busy={busy} onTap={submit} />
      <ActionButton variant='secondary' label='不录了' onTap={onCancel} />
    </Card>
  )
}
