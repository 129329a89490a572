import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { CATEGORY_IDS, categoryInfo, type CategoryId } from '@contract/sorting'
import type { MissList, Schedule } from '@contract/schemas/sorting'
import { a11y } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { ChoiceGroup } from '@/components/choice-group'
import { EmptyState } from '@/components/empty-state'
import { alertError, toastDone } from '@/components/notify'
import { Page } from '@/components/page'
import { TextField } from '@/components/text-field'
import { useRequireLogin } from '@/features/account/use-require-login'
import { addItem } from '@/features/sorting/api/add-item'
import { getSchedule } from '@/features/sorting/api/get-schedule'
import { listMisses } from '@/features/sorting/api/list-misses'
import { putSchedule } from '@/features/sorting/api/put-schedule'
import '@/features/sorting/sorting.css'

/** "07:00-09:00, 18:00-20:00" ⇄ slots: one text field is easier on a phone than a row of pickers. */
const slotsText = (s: Schedule['slots']) => s.map((x) => `${x.start}-${x.end}`).join('，')
function parseSlots(text: string): Schedule['slots'] | null {
  const parts = text.split(/[,，、;；\s]+/).filter(Boolean)
  const slots = parts.map((p) => /^(\d{1,2}):(\d{2})\s*[-–~—至到]\s*(\d{1,2}):(\d{2})$/.exec(p))
  if (!slots.length || slots.some((m) => !m)) return null
  const pad = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`
  return slots.map((m) => ({ start: pad(m![1]!, m![2]!), end: pad(m![3]!, m![4]!) }))
}

const warn = (content: string) => Taro.showModal({ title: '请检查', content, showCancel: false, confirmText: '知道了' })

export default function SortingStaffPage() {
  useRequireLogin()
  const [misses, setMisses] = useState<MissList['items']>([])
  const [schedule, setSchedule] = useState<Schedule | null>(null)
  const [slots, setSlots] = useState('')
  const [places, setPlaces] = useState('')
  const [note, setNote] = useState('')
  const [name, setName] = useState('')
  const [aliases, setAliases] = useState('')
  const [tip, setTip] = useState('')
  const [category, setCategory] = useState<CategoryId | null>(null)
  const [busy, setBusy] = useState<'item' | 'schedule' | null>(null)

  const reload = async () => {
    try {
      const [m, s] = await Promise.all([listMisses(), getSchedule()])
      setMisses(m.items)
      setSchedule(s)
      setSlots(slotsText(s.slots))
      setPlaces(s.places.join('，'))
      setNote(s.note)
    } catch (err) {
      await alertError(err, '加载失败')
    }
  }
  useDidShow(() => {
    reload()
  })
  const city = schedule?.city ?? 'shanghai'

  const saveItem = async () => {
    if (!name.trim() || !category) return warn('请填写物品名称并选择分类')
    setBusy('item')
    try {
      const item = await addItem({ name: name.trim(), category, aliases: aliases.split(/[,，、\s]+/).filter(Boolean), ...(tip.trim() ? { tip: tip.trim() } : {}) })
      toastDone(`已添加：${item.name}`)
      setName('')
      setAliases('')
      setTip('')
      setCategory(null)
      await reload()
    } catch (err) {
      await alertError(err, '没有添加成功')
    } finally {
      setBusy(null)
    }
  }

  const saveSchedule = async () => {
    const parsed = parseSlots(slots)
    if (!parsed) return warn('时间格式：07:00-09:00，18:00-20:00')
    setBusy('schedule')
    try {
      const s = await putSchedule({ slots: parsed, places: places.split(/[,，、]+/).map((p) => p.trim()).filter(Boolean), note: note.trim() })
      setSchedule(s)
      toastDone('投放时间已保存')
    } catch (err) {
      await alertError(err, '没有保存成功')
    } finally {
      setBusy(null)
    }
  }

  return (
    <Page title='分类管理'>
      <Text className='ll-sorting-section'>居民查不到的物品</Text>
      {misses.length === 0 ? <EmptyState title='暂时没有' hint='居民点“没找到？告诉物业”后会出现在这里' /> : null}
      {misses.map((m) => (
        <View key={m.query} className='ll-sorting-row' {...a11y('button', `${m.query}，${m.count} 次${m.found ? '，已能查到' : ''}，点一下填入添加表单`)} onClick={() => setName(m.query)}>
          <Text>{m.query}</Text>
          <Text className={m.found ? 'll-sorting-row__found' : 'll-sorting-row__count'}>{m.found ? '已能查到' : `${m.count} 次`}</Text>
        </View>
      ))}

      <Card title='添加物品'>
        <TextField label='物品名称' value={name} onChange={setName} maxlength={20} />
        <ChoiceGroup label='分类' options={CATEGORY_IDS.map((c) => ({ value: c, label: categoryInfo(city, c).label }))} value={category} onChange={setCategory} />
        <TextField label='别名（可选，用逗号分隔）' value={aliases} onChange={setAliases} maxlength={60} />
        <TextField label='提示（可选）' value={tip} onChange={setTip} maxlength={80} />
        <ActionButton label='添加到本小区词典' busy={busy === 'item'} busyLabel='正在添加…' onTap={saveItem} />
      </Card>

      <Card title='定时定点投放'>
        {schedule?.summary ? <Text className='ll-text'>现在：{schedule.summary}</Text> : null}
        <TextField label='投放时段（如 07:00-09:00，18:00-20:00）' value={slots} onChange={setSlots} maxlength={80} />
        <TextField label='投放地点（多个用逗号分隔）' value={places} onChange={setPlaces} maxlength={120} />
        <TextField label='说明（可选）' value={note} onChange={setNote} maxlength={200} />
        <ActionButton label='保存投放时间' busy={busy === 'schedule'} busyLabel='正在保存…' onTap={saveSchedule} />
      </Card>
    </Page>
  )
}
