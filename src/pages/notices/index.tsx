import { Page } from '@/components/page'
import { EmptyState } from '@/components/empty-state'
import { useRequireLogin } from '@/features/account/use-require-login'

/** A shell until the notices feature lands: it says so plainly instead of showing made-up content. */
export default function NoticesPage() {
  useRequireLogin()
  return (
    <Page>
      <EmptyState title='公告' hint='物业和楼栋长发布的通知会显示在这里。公告功能正在建设中。' />
    </Page>
  )
}
