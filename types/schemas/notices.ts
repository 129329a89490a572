import { Type, type Static } from 'typebox'
import { NOTICE_BODY_MAX, NOTICE_CATEGORIES, NOTICE_IMAGES_MAX, NOTICE_TITLE_MAX } from '../notices'
import { Paged, PagedQuery } from './common'

const IsoTime = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 时间（含时区）' })
const ImageIds = Type.Array(Type.String({ pattern: '^[a-f0-9]{32}$' }), { maxItems: NOTICE_IMAGES_MAX })
const BuildingIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })

export const CreateNoticeSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: NOTICE_TITLE_MAX }),
    body: Type.String({ minLength: 1, maxLength: NOTICE_BODY_MAX }),
    category: Type.Enum(NOTICE_CATEGORIES),
    buildingIds: Type.Optional(BuildingIds),
    pinned: Type.Optional(Type.Boolean()),
    requiresAck: Type.Optional(Type.Boolean()),
    publishAt: Type.Optional(IsoTime),
    expireAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
    imageIds: Type.Optional(ImageIds),
  },
  { additionalProperties: false },
)
export type CreateNotice = Static<typeof CreateNoticeSchema>

export const PatchNoticeSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: NOTICE_TITLE_MAX })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: NOTICE_BODY_MAX })),
    category: Type.Optional(Type.Enum(NOTICE_CATEGORIES)),
    pinned: Type.Optional(Type.Boolean()),
    requiresAck: Type.Optional(Type.Boolean()),
    expireAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
    imageIds: Type.Optional(ImageIds),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type PatchNotice = Static<typeof PatchNoticeSchema>

export const NoticeListQuerySchema = PagedQuery({
  category: Type.Optional(Type.Enum(NOTICE_CATEGORIES)),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  archive: Type.Optional(Type.Boolean()),
})

const Image = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String() })

export const NoticeSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  category: Type.Enum(NOTICE_CATEGORIES),
  scope: Type.Enum(['community', 'building'] as const),
  buildings: Type.Array(Type.String()),
  pinned: Type.Boolean(),
  requiresAck: Type.Boolean(),
  publishAt: Type.String(),
  expireAt: Type.Union([Type.String(), Type.Null()]),
  editedAt: Type.Union([Type.String(), Type.Null()]),
  /** Not yet visible to residents (staff and the author see it in the list). */
  scheduled: Type.Boolean(),
  read: Type.Boolean(),
  acked: Type.Boolean(),
  excerpt: Type.String(),
})

export const NoticeListSchema = Paged(NoticeSummarySchema)
export type NoticeList = Static<typeof NoticeListSchema>

export const NoticeSchema = Type.Object({
  ...NoticeSummarySchema.properties,
  body: Type.String(),
  images: Type.Array(Image),
  author: Type.String(),
  /** True when the reader confirmed an earlier version and the notice changed since. */
  updatedSinceAck: Type.Boolean(),
  canEdit: Type.Boolean(),
  canSeeReceipts: Type.Boolean(),
  withdrawn: Type.Boolean(),
})
export type Notice = Static<typeof NoticeSchema>

const HouseholdRef = Type.Object({ householdId: Type.Integer(), building: Type.String(), unit: Type.String(), room: Type.String() })

export const NoticeReceiptsSchema = Type.Object({
  noticeId: Type.Integer(),
  requiresAck: Type.Boolean(),
  households: Type.Object({ total: Type.Integer(), read: Type.Integer(), acked: Type.Integer(), readPercent: Type.Number(), ackedPercent: Type.Number() }),
  byBuilding: Type.Array(
    Type.Object({ buildingId: Type.Integer(), building: Type.String(), total: Type.Integer(), read: Type.Integer(), acked: Type.Integer(), readPercent: Type.Number(), ackedPercent: Type.Number() }),
  ),
  unread: Type.Array(HouseholdRef),
  unacked: Type.Array(HouseholdRef),
  lastRemindedAt: Type.Union([Type.String(), Type.Null()]),
})
export type NoticeReceipts = Static<typeof NoticeReceiptsSchema>

export const RemindResultSchema = Type.Object({ households: Type.Integer(), people: Type.Integer(), householdsWithoutApp: Type.Integer() })
/** Unread among the newest 100 notices the person can see (the badge shows 99+ beyond). */
export const UnreadCountSchema = Type.Object({ count: Type.Integer() })
export const AckResultSchema = Type.Object({ acked: Type.Literal(true), ackedAt: Type.String() })
