import { Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { NotificationKind } from '@contract/messages'
import type { NotificationPreferences } from '@contract/schemas/messages'
import { Card } from '@/components/card'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { ToggleRow } from '@/components/toggle-row'
import { useRequireLogin } from '@/features/account/use-require-login'
import { getPreferences, setPreference } from '@/features/messages/api/notification-preferences'

export default function MessageSettingsPage() {
  useRequireLogin()
  const [prefs, setPrefs] = useState<NotificationPreferences['items']>([])
  useLoad(() => {
    getPreferences()
      .then((p) => setPrefs(p.items))
      .catch((err) => alertError(err, '没有加载出来'))
  })
  const toggle = async (kind: NotificationKind, enabled: boolean) => {
    setPrefs((prev) => prev.map((p) => (p.kind === kind ? { ...p, enabled } : p)))
    try {
      setPrefs((await setPreference(kind, enabled)).items)
    } catch (err) {
      setPrefs((prev) => prev.map((p) => (p.kind === kind ? { ...p, enabled: !enabled } : p)))
      await alertError(err, '设置没有保存')
    }
  }
  return (
    <Page title='消息设置'>
      <Card title='想收到哪些消息'>
        <Text className='ll-text ll-text--muted'>关闭后，这类消息不再出现在“消息”里。</Text>
        {prefs.map((p) => (
          <ToggleRow key={p.kind} label={p.label} checked={p.enabled} onChange={(on) => toggle(p.kind, on)} />
        ))}
      </Card>
    </Page>
  )
}
