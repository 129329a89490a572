import { Text, View } from '@tarojs/components'
import type { PollResults } from '@contract/schemas/polls'
import { conditionLine, conditionNumbers, share, verdictLine } from '../verdict'

export interface ResultsViewProps {
  results: PollResults
}

function Bar({ label, percent }: { label: string; percent: number }) {
  return (
    <View className='ll-polls-bar'>
      <Text className='ll-polls-bar__label'>{label}</Text>
      <View className='ll-polls-bar__track'>
        <View className='ll-polls-bar__fill' style={{ width: `${percent}%` }} />
      </View>
    </View>
  )
}

/** Per option: bars by households and by registered area; for legal polls the Art. 278 verdict in plain words. */
export function ResultsView({ results }: ResultsViewProps) {
  const t = results.turnout
  return (
    <View className='ll-polls-results'>
      <Text className='ll-polls-results__turnout'>
        {`已投 ${t.households}/${t.eligibleHouseholds} 户，面积 ${t.area.toFixed(2)}/${t.eligibleArea.toFixed(2)} m²${results.final ? '（最终结果）' : '（实时）'}`}
      </Text>
      {results.options.map((o) => {
        const byHouseholds = share(o.households, t.households)
        const byArea = share(o.area, t.area)
        return (
          <View key={o.id} className='ll-polls-results__option'>
            <Text className='ll-polls-results__label'>{`${o.label}：${o.households} 户 · ${o.area.toFixed(2)} m²`}</Text>
            <Bar label={`户数 ${byHouseholds}%`} percent={byHouseholds} />
            <Bar label={`面积 ${byArea}%`} percent={byArea} />
          </View>
        )
      })}
      {results.legal ? (
        <View className={`ll-polls-verdict${results.legal.passed ? ' ll-polls-verdict--passed' : ''}`}>
          <Text className='ll-polls-verdict__title'>{`${results.final ? '' : '目前：'}${verdictLine(results.legal)}`}</Text>
          {results.legal.conditions.map((c) => (
            <View key={c.name} className='ll-polls-verdict__row'>
              <Text className='ll-polls-verdict__line'>{conditionLine(c)}</Text>
              <Text className='ll-polls-verdict__numbers'>{conditionNumbers(c)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
