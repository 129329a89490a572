import { mayBeUrged } from '../../server/modules/repairs/state-machine'
import { REPAIR_STATUSES } from '../../types/repairs'

test('a ticket can be urged while the work is to be done, never once it is resolved or closed', () => {
  const urgeable = REPAIR_STATUSES.filter(mayBeUrged)
  expect(urgeable).toEqual(['submitted', 'accepted', 'assigned', 'in_progress'])
})
