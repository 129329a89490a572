import { Input, Textarea } from '@tarojs/components'

export interface TextInputProps {
  /** The accessible name (visible labels come from TextField). */
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'number' | 'idcard' | 'search'
  password?: boolean
  placeholder?: string
  maxlength?: number
  onConfirm?: () => void
}

/**
 * The one text input. Its box is the tap target: at least 44 px high (60 px in care mode), and on H5 the real
 * <input> inside Taro's wrapper fills it, so a tap anywhere in the box focuses it.
 */
export function TextInput({ label, value, onChange, type = 'text', password, placeholder, maxlength, onConfirm }: TextInputProps) {
  const search = type === 'search'
  return (
    <Input
      className='ll-input'
      value={value}
      type={search ? 'text' : type}
      password={password}
      placeholder={placeholder}
      maxlength={maxlength}
      confirmType={search ? 'search' : undefined}
      // On H5 the real <input> sits inside <taro-input-core>; nativeProps puts the name on the input itself.
      nativeProps={{ 'aria-label': label, ...(search ? { type: 'search' } : {}) }}
      aria-label={label}
      onInput={(e) => onChange(e.detail.value)}
      onConfirm={onConfirm}
    />
  )
}

export interface TextAreaProps {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxlength?: number
}

/** Several lines of text; the same box as TextInput, taller. */
export function TextArea({ label, value, onChange, placeholder, maxlength }: TextAreaProps) {
  return (
    <Textarea
      className='ll-textarea'
      value={value}
      placeholder={placeholder}
      maxlength={maxlength}
      nativeProps={{ 'aria-label': label }}
      aria-label={label}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}
