import { Page } from '@/components/page'
import { EmptyState } from '@/components/empty-state'
import { useRequireLogin } from '@/features/account/use-require-login'

/** A shell until the polls feature lands: it says so plainly instead of showing made-up content. */
export default function PollsPage() {
  useRequireLogin()
  return (
    <Page>
      <EmptyState title='投票' hint='楼栋的投票和业主表决会显示在这里。投票功能正在建设中。' />
    </Page>
  )
}
