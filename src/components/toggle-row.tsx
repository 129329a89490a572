import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'

export interface ToggleRowProps {
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/** A full-width row that switches a setting; the whole row is the tap target. */
export function ToggleRow({ label, hint, checked, onChange }: ToggleRowProps) {
  return (
    <View className='ll-toggle' {...a11y('switch', label)} aria-checked={checked ? 'true' : 'false'} onClick={() => onChange(!checked)}>
      <View className='ll-toggle__text'>
        <Text className='ll-toggle__label'>{label}</Text>
        {hint ? <Text className='ll-toggle__hint'>{hint}</Text> : null}
      </View>
      <View className={`ll-toggle__knob${checked ? ' ll-toggle__knob--on' : ''}`}>
        <Text className='ll-toggle__state'>{checked ? '开' : '关'}</Text>
      </View>
    </View>
  )
}
