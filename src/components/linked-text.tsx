import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { a11y } from './a11y'

const URL_RE = /(https?:\/\/[^\s<>"'，。！？）)]+)/g

/**
 * Plain text with its line breaks and links, never interpreted as HTML. A link opens in a new tab on H5;
 * in WeChat (which cannot open outside pages) a tap copies it.
 */
export function LinkedText({ text, className }: { text: string; className?: string }) {
  return (
    <View className={className}>
      {text.split('\n').map((line, i) => (
        <Text key={i} className='ll-linked-line'>
          {line.split(URL_RE).map((part, j) =>
            j % 2 === 1 ? (
              <Text
                key={j}
                className='ll-link'
                {...a11y('link', part)}
                onClick={() => {
                  if (process.env.TARO_ENV === 'h5') window.open(part, '_blank', 'noopener')
                  else Taro.setClipboardData({ data: part })
                }}
              >
                {part}
              </Text>
            ) : (
              part
            ),
          )}
          {'\n'}
        </Text>
      ))}
    </View>
  )
}
