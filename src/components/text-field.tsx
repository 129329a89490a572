import { Text, View } from '@tarojs/components'
import { TextInput, type TextInputProps } from './text-input'

export type TextFieldProps = TextInputProps

/** A labelled input; the label is visible and is also the input's accessible name. */
export function TextField(props: TextFieldProps) {
  return (
    <View className='ll-field'>
      <Text className='ll-field__label'>{props.label}</Text>
      <TextInput {...props} />
    </View>
  )
}
