import { View } from '@tarojs/components'
import { a11y } from './a11y'

export interface ActionButtonProps {
  label: string
  onTap: () => void
  variant?: 'primary' | 'secondary' | 'danger'
  disabled?: boolean
  /** Shown instead of the label while an action runs. */
  busyLabel?: string
  busy?: boolean
}

export function ActionButton({ label, onTap, variant = 'primary', disabled, busy, busyLabel }: ActionButtonProps) {
  const inactive = disabled || busy
  return (
    <View
      className={`ll-button ll-button--${variant}${inactive ? ' ll-button--disabled' : ''}`}
      {...a11y('button', label)}
      aria-disabled={inactive ? 'true' : undefined}
      onClick={() => {
        if (!inactive) onTap()
      }}
    >
      {busy ? (busyLabel ?? '请稍候…') : label}
    </View>
  )
}
