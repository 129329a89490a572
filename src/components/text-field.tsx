import { Input, Text, View } from '@tarojs/components'

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'number' | 'idcard'
  password?: boolean
  placeholder?: string
  maxlength?: number
}

/** A labelled input; the label is visible and is also the input's accessible name. */
export function TextField({ label, value, onChange, type = 'text', password, placeholder, maxlength }: TextFieldProps) {
  return (
    <View className='ll-field'>
      <Text className='ll-field__label'>{label}</Text>
      <Input
        className='ll-field__input'
        value={value}
        type={type}
        password={password}
        placeholder={placeholder}
        maxlength={maxlength}
        // On H5 the real <input> sits inside <taro-input-core>; nativeProps puts the name on the input itself.
        nativeProps={{ 'aria-label': label }}
        aria-label={label}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  )
}
