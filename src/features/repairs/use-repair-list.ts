import { usePagedList } from '@/components/use-paged-list'
import { listRepairs, type RepairQuery } from './api/list-repairs'

/** One list of tickets with its filters and keyset paging. */
export function useRepairList(initial: RepairQuery) {
  return usePagedList(listRepairs, initial)
}
