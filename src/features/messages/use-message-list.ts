import { usePagedList } from '@/components/use-paged-list'
import { listMessages } from './api/list-messages'

const fetchMessages = ({ cursor }: { cursor?: string | null }) => listMessages(cursor)

/** The person's messages, newest first, with keyset paging. */
export function useMessageList() {
  return usePagedList(fetchMessages, {})
}
