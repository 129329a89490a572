import { Page } from '@/components/page'
import { EmptyState } from '@/components/empty-state'
import { useRequireLogin } from '@/features/account/use-require-login'

/** A shell until the repairs feature lands: it says so plainly instead of showing made-up content. */
export default function RepairsPage() {
  useRequireLogin()
  return (
    <Page>
      <EmptyState title='报修' hint='报修和进度跟踪会显示在这里。报修功能正在建设中。' />
    </Page>
  )
}
