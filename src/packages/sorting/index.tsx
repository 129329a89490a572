import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { categoryInfo, type CategoryInfo } from '@contract/sorting'
import type { Schedule } from '@contract/schemas/sorting'
import { ActionButton } from '@/components/action-button'
import { alertError, toastDone } from '@/components/notify'
import { Page } from '@/components/page'
import { TextInput } from '@/components/text-input'
import { useRequireLogin } from '@/features/account/use-require-login'
import { getSchedule } from '@/features/sorting/api/get-schedule'
import { reportMiss } from '@/features/sorting/api/report-miss'
import { CategoryGuideSection } from '@/features/sorting/components/category-guide'
import { ResultCard } from '@/features/sorting/components/result-card'
import { ScheduleBanner } from '@/features/sorting/components/schedule-banner'
import { useLocalSearch, useSortingDataset } from '@/features/sorting/use-sorting-search'
import '@/features/sorting/sorting.css'

export default function SortingPage() {
  const me = useRequireLogin()
  const isStaff = !!me?.roles.some((r) => r.role === 'staff' || r.role === 'admin')
  const { status, meta } = useSortingDataset()
  const [query, setQuery] = useState('')
  const [schedule, setSchedule] = useState<Schedule | null>(null)
  const [reported, setReported] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const hits = useLocalSearch(query, meta?.version)
  useDidShow(() => {
    getSchedule().then(setSchedule, () => undefined)
  })

  const city = meta?.city ?? schedule?.city ?? 'shanghai'
  const categories: CategoryInfo[] = meta?.categories ?? []
  const info = (id: CategoryInfo['id']) => categories.find((c) => c.id === id) ?? categoryInfo(city, id)
  const trimmed = query.trim()

  const sendMiss = async () => {
    setSending(true)
    try {
      await reportMiss(trimmed)
      setReported(trimmed)
      toastDone('已告诉物业')
    } catch (err) {
      await alertError(err, '没有发送成功')
    } finally {
      setSending(false)
    }
  }

  return (
    <Page title='垃圾怎么分'>
      {schedule ? <ScheduleBanner schedule={schedule} /> : null}

      <View className='ll-sorting-search'>
        <TextInput label='查询物品怎么分类' type='search' value={query} placeholder='输入物品名称或拼音，如 西瓜、xigua、xg' maxlength={30} onChange={setQuery} />
        <Text className='ll-sorting-status' aria-live='polite'>
          {status === 'loading' && !meta
            ? '正在准备分类词典…'
            : status === 'offline-empty'
              ? '没有网络，分类词典还没下载，请联网后再试'
              : trimmed
                ? hits.length
                  ? `找到 ${hits.length} 项`
                  : '没有找到这个物品'
                : `共 ${meta?.count ?? 0} 种物品，断网也能查`}
        </Text>
      </View>

      {hits.map(({ entry }) => (
        <ResultCard key={entry.name} name={entry.name} aliases={entry.aliases} tip={entry.tip} category={info(entry.category)} />
      ))}

      {trimmed && meta && hits.length === 0 ? (
        <View className='ll-sorting-miss'>
          <Text className='ll-sorting-miss__text'>
            {reported === trimmed ? `已经告诉物业“${trimmed}”查不到，物业补充后就能查到。` : `词典里还没有“${trimmed}”。拿不准时，可以先按${info('residual').label}投放。`}
          </Text>
          {reported === trimmed ? null : <ActionButton label='没找到？告诉物业' busy={sending} busyLabel='正在发送…' onTap={sendMiss} />}
        </View>
      ) : null}

      {trimmed ? null : (
        <View>
          <Text className='ll-sorting-section'>四类垃圾怎么分</Text>
          {categories.map((c) => (
            <CategoryGuideSection key={c.id} city={city} category={c} />
          ))}
        </View>
      )}

      {isStaff ? <ActionButton variant='secondary' label='管理分类：查不到的物品、投放时间' onTap={() => Taro.navigateTo({ url: '/packages/sorting/staff' })} /> : null}
    </Page>
  )
}
