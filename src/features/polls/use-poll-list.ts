import type { PollStatus } from '@contract/polls'
import { usePagedList } from '@/components/use-paged-list'
import { listPolls } from './api/list-polls'

const fetchPolls = ({ status, cursor }: { status: PollStatus; cursor?: string | null }) => listPolls(status, cursor)

/** One list of polls in one state, with keyset paging. */
export function usePollList() {
  return usePagedList(fetchPolls, { status: 'open' as PollStatus })
}
