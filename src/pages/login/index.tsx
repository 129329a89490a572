import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { PERSONA_LABELS, PERSONAS, type Persona } from '@contract/identity'
import type { Me, Meta } from '@contract/schemas/identity'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { alertError } from '@/components/notify'
import { Page } from '@/components/page'
import { TextField } from '@/components/text-field'
import { fetchMeta } from '@/features/account/api/get-meta'
import { loginAsPersona, loginWithPassword, loginWithWechat, registerWithInvite } from '@/features/account/api/login'
import { modeChosen } from '@/features/account/first-launch'
import { takeReturnTo } from '@/features/account/return-to'

/** Demo personas come with their layout set; a real first sign-in on this phone asks which layout to use. */
function afterLogin(me: Me | null, demo = false) {
  const returnTo = takeReturnTo()
  if (me && me.households.length === 0 && me.roles.length === 0) Taro.redirectTo({ url: '/pages/bind-household/index' })
  else if (!demo && !modeChosen()) Taro.redirectTo({ url: '/pages/welcome/index' })
  else if (returnTo) Taro.reLaunch({ url: returnTo })
  else Taro.switchTab({ url: '/pages/home/index' })
}

const isPersona = (p: string | undefined): p is Persona => (PERSONAS as readonly string[]).includes(p ?? '')

export default function LoginPage() {
  const [meta, setMeta] = useState<Meta | null>(null)
  const [mode, setMode] = useState<'login' | 'register'>('login')
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [inviteCode, setInviteCode] = useState('')
  const [busy, setBusy] = useState<string | null>(null)

  const run = async (key: string, action: () => Promise<Me | null>) => {
    setBusy(key)
    try {
      afterLogin(await action(), isPersona(key))
    } catch (err) {
      await alertError(err, '登录没有成功')
    } finally {
      setBusy(null)
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    // ?persona=elder signs in as that demo persona in one step (a shareable demo link).
    if (isPersona(params.persona)) run(params.persona, () => loginAsPersona(params.persona as Persona))
    fetchMeta()
      .then(setMeta)
      .catch(() => setMeta({ demo: false, wechat: false, personas: [] }))
  })

  const isWeapp = process.env.TARO_ENV === 'weapp'

  return (
    <Page care={false}>
      <View className='ll-hero'>
        <Text className='ll-hero__title'>邻里通</Text>
        <Text className='ll-hero__sub'>小区公告、投票、报修，一个就够</Text>
      </View>

      {isWeapp ? (
        <Card>
          <ActionButton label='微信一键登录' busy={busy === 'wechat'} onTap={() => run('wechat', loginWithWechat)} />
        </Card>
      ) : (
        <Card title={mode === 'login' ? '手机号登录' : '用邀请码注册'}>
          {mode === 'register' ? <TextField label='邀请码' value={inviteCode} onChange={setInviteCode} placeholder='物业或楼栋长发给您的 8 位码' maxlength={16} /> : null}
          <TextField label='手机号' type='number' value={phone} onChange={setPhone} placeholder='11 位手机号' maxlength={11} />
          <TextField label='密码' password value={password} onChange={setPassword} placeholder={mode === 'register' ? '至少 8 位' : ''} maxlength={64} />
          {mode === 'login' ? (
            <ActionButton label='登录' busy={busy === 'login'} onTap={() => run('login', () => loginWithPassword(phone.trim(), password))} />
          ) : (
            <ActionButton label='注册并绑定房屋' busy={busy === 'register'} onTap={() => run('register', () => registerWithInvite(inviteCode, phone.trim(), password))} />
          )}
          <ActionButton
            variant='secondary'
            label={mode === 'login' ? '第一次使用？用邀请码注册' : '已有账号？去登录'}
            onTap={() => setMode(mode === 'login' ? 'register' : 'login')}
          />
        </Card>
      )}

      {meta?.demo ? (
        <Card title='演示账号（一键体验）'>
          <Text className='ll-text ll-text--muted'>演示模式：选择一个身份即可登录，数据为虚构的示例小区。</Text>
          <View className='ll-persona-list'>
            {meta.personas.filter(isPersona).map((p) => (
              <ActionButton key={p} variant='secondary' label={PERSONA_LABELS[p]} busy={busy === p} onTap={() => run(p, () => loginAsPersona(p))} />
            ))}
          </View>
        </Card>
      ) : null}
    </Page>
  )
}
