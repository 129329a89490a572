import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { placeLabel } from '@contract/format'
import { RELATION_LABELS, RELATIONS, type Relation } from '@contract/identity'
import { ActionButton } from '@/components/action-button'
import { Card } from '@/components/card'
import { ChoiceGroup } from '@/components/choice-group'
import { alertError, toastDone } from '@/components/notify'
import { Page } from '@/components/page'
import { TextField } from '@/components/text-field'
import { bindHousehold } from '@/features/account/api/bind-household'
import { useRequireLogin } from '@/features/account/use-require-login'

const RELATION_OPTIONS = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))

export default function BindHouseholdPage() {
  useRequireLogin()
  const [code, setCode] = useState('')
  const [relation, setRelation] = useState<Relation | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (code.trim().length < 6 || !relation) {
      await Taro.showModal({ title: '还差一步', content: !relation ? '请选择您与这套房屋的关系' : '请输入完整的邀请码', showCancel: false, confirmText: '知道了' })
      return
    }
    setBusy(true)
    try {
      const me = await bindHousehold(code, relation)
      const h = me.households[me.households.length - 1]
      toastDone(h ? `已绑定 ${placeLabel(h)}` : '已绑定')
      Taro.switchTab({ url: '/pages/home/index' })
    } catch (err) {
      await alertError(err, '绑定没有成功')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title='绑定房屋'>
      <Card title='绑定我的房屋'>
        <Text className='ll-text'>邀请码由物业或楼栋长发放，每户一个，用过即失效。</Text>
        <TextField label='邀请码' value={code} onChange={setCode} placeholder='例如 7KX3M9QA' maxlength={16} />
        <Text className='ll-field__label'>我是这套房屋的</Text>
        <ChoiceGroup label='与房屋的关系' options={RELATION_OPTIONS} value={relation} onChange={setRelation} />
        <ActionButton label='绑定' busy={busy} onTap={submit} />
      </Card>
    </Page>
  )
}
