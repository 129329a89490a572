import { View } from '@tarojs/components'
import { a11y } from './a11y'

export interface ChoiceGroupProps<T extends string> {
  label: string
  options: readonly { value: T; label: string }[]
  value: T | null
  onChange: (value: T) => void
}

/** Big option buttons instead of a dropdown: one tap, readable, works the same in both modes. */
export function ChoiceGroup<T extends string>({ label, options, value, onChange }: ChoiceGroupProps<T>) {
  return (
    <View className='ll-choices' {...a11y('radiogroup', label, false)}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`ll-choice${o.value === value ? ' ll-choice--on' : ''}`}
          {...a11y('radio', o.label)}
          aria-checked={o.value === value ? 'true' : 'false'}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
