import { Page } from '@/components/page'
import { EmptyState } from '@/components/empty-state'
import { useRequireLogin } from '@/features/account/use-require-login'

/** A shell until the sorting feature lands: it says so plainly instead of showing made-up content. */
export default function SortingPage() {
  useRequireLogin()
  return (
    <Page>
      <EmptyState title='垃圾分类' hint='按名称或拼音查询垃圾分类。分类指南正在建设中。' />
    </Page>
  )
}
