import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { a11y } from '@/components/a11y'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { updateMe } from '@/features/account/api/update-me'
import { rememberModeChosen, systemFontIsLarge } from '@/features/account/first-launch'
import { useRequireLogin } from '@/features/account/use-require-login'
import '@/features/account/welcome.css'

/** First launch: standard or care mode, each with a preview; large system text suggests care mode. */
export default function WelcomePage() {
  useRequireLogin()
  const [large] = useState(systemFontIsLarge)
  const [busy, setBusy] = useState(false)

  const choose = async (careMode: boolean) => {
    setBusy(true)
    try {
      await updateMe({ careMode })
      rememberModeChosen()
      Taro.switchTab({ url: '/pages/home/index' })
    } catch (err) {
      await alertError(err, '设置没有保存')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page care={large || undefined}>
      <Text className='ll-page-title'>您想怎么看？</Text>
      {large ? <Text className='ll-welcome-hint'>您的手机字体调得比较大，建议选“长辈模式”。</Text> : null}
      <View className='ll-welcome-card ll-care-preview' {...a11y('button', '选择长辈模式：大字、大按钮、页面更简单')} onClick={() => !busy && choose(true)}>
        <Text className='ll-welcome-care-title'>长辈模式</Text>
        <Text className='ll-welcome-care-body'>大字、大按钮，页面更简单，可以朗读公告。</Text>
      </View>
      <View className='ll-welcome-card' {...a11y('button', '选择标准模式')} onClick={() => !busy && choose(false)}>
        <Text className='ll-welcome-std-title'>标准模式</Text>
        <Text className='ll-welcome-std-body'>内容更多，一屏看到更多信息。</Text>
      </View>
      <Text className='ll-text ll-text--muted'>以后在“我的”里也可以随时切换。</Text>
    </Page>
  )
}
