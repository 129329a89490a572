import { Type, type Static } from 'typebox'
import {
  REPAIR_ACTIONS,
  REPAIR_CATEGORIES,
  REPAIR_DESCRIPTION_MAX,
  REPAIR_LOCATION_KINDS,
  REPAIR_LOCATION_TEXT_MAX,
  REPAIR_NOTE_MAX,
  REPAIR_PARTIES,
  REPAIR_PHOTOS_MAX,
  REPAIR_STATE_GROUPS,
  REPAIR_STATUSES,
  REPAIR_URGENCIES,
} from '../repairs'
import { PHONE_PATTERN } from '../identity'
import { Paged, PagedQuery } from './common'

const PhotoIds = Type.Array(Type.String({ pattern: '^[a-f0-9]{32}$' }), { maxItems: REPAIR_PHOTOS_MAX })
const Photo = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String() })
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })

export const CreateRepairSchema = Type.Object(
  {
    category: Type.Enum(REPAIR_CATEGORIES),
    location: Type.Object(
      {
        kind: Type.Enum(REPAIR_LOCATION_KINDS),
        text: Type.Optional(Type.String({ minLength: 1, maxLength: REPAIR_LOCATION_TEXT_MAX, description: '公共区域的位置描述（kind=public 时必填）' })),
        buildingId: Type.Optional(Id),
        householdId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: '绑定了多套房时选择哪一套（kind=home），默认第一套' })),
      },
      { additionalProperties: false },
    ),
    description: Type.String({ minLength: 1, maxLength: REPAIR_DESCRIPTION_MAX }),
    photoIds: Type.Optional(PhotoIds),
    urgency: Type.Enum(REPAIR_URGENCIES),
    preferredTime: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: '方便上门的时间，如“工作日 18:00 后”' })),
    contactPhone: Type.Optional(Type.String({ pattern: PHONE_PATTERN, description: '联系电话，默认取账号手机号' })),
  },
  { additionalProperties: false },
)
export type CreateRepair = Static<typeof CreateRepairSchema>

export const IdempotencyHeaderSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$', description: '客户端为一次填写生成的唯一键：同一用户重复提交得到同一工单（首次 201，重复 200）' })),
})

export const RepairTransitionBodySchema = Type.Object(
  {
    action: Type.Enum(REPAIR_ACTIONS),
    assigneeId: Type.Optional(Id),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: REPAIR_NOTE_MAX })),
    photoIds: Type.Optional(PhotoIds),
  },
  { additionalProperties: false },
)
export type RepairTransitionBody = Static<typeof RepairTransitionBodySchema>

export const RepairCommentSchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: REPAIR_NOTE_MAX }),
    internal: Type.Optional(Type.Boolean({ description: '内部备注：居民看不到（仅物业、管理员和维修师傅）' })),
    photoIds: Type.Optional(PhotoIds),
  },
  { additionalProperties: false },
)
export type RepairComment = Static<typeof RepairCommentSchema>

const Stars = Type.Integer({ minimum: 1, maximum: 5 })
export const RepairRatingSchema = Type.Object(
  { overall: Stars, speed: Stars, attitude: Stars, comment: Type.Optional(Type.String({ maxLength: REPAIR_NOTE_MAX })) },
  { additionalProperties: false },
)
export type RepairRating = Static<typeof RepairRatingSchema>

export const REPAIR_SCOPES = ['mine', 'public', 'queue', 'assigned'] as const
export const RepairListQuerySchema = PagedQuery({
  scope: Type.Enum(REPAIR_SCOPES),
  status: Type.Optional(Type.Union([Type.Enum(REPAIR_STATUSES), Type.Enum(REPAIR_STATE_GROUPS)], { description: '一个状态，或状态组 open/closed' })),
  category: Type.Optional(Type.Enum(REPAIR_CATEGORIES)),
  buildingId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean()),
})
export type RepairListQuery = Static<typeof RepairListQuerySchema>

const Location = Type.Object({
  kind: Type.Enum(REPAIR_LOCATION_KINDS),
  text: Type.String(),
  buildingId: Type.Union([Type.Integer(), Type.Null()]),
  building: Type.Union([Type.String(), Type.Null()]),
})

const Rating = Type.Object({ overall: Type.Integer(), speed: Type.Integer(), attitude: Type.Integer(), comment: Type.Union([Type.String(), Type.Null()]), at: Type.String() })

export const RepairTicketSummarySchema = Type.Object({
  id: Type.Integer(),
  category: Type.Enum(REPAIR_CATEGORIES),
  location: Location,
  description: Type.String(),
  urgency: Type.Enum(REPAIR_URGENCIES),
  status: Type.Enum(REPAIR_STATUSES),
  stateGroup: Type.Enum(REPAIR_STATE_GROUPS),
  overdue: Type.Boolean(),
  slaDueAt: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  assignee: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  meTooCount: Type.Integer(),
  /** Whether the caller has said 我也遇到了 (public tickets). */
  meToo: Type.Boolean(),
  mine: Type.Boolean(),
})
export type RepairTicketSummary = Static<typeof RepairTicketSummarySchema>

export const RepairListSchema = Paged(RepairTicketSummarySchema)
export type RepairList = Static<typeof RepairListSchema>

export const RepairEventSchema = Type.Object({
  id: Type.Integer(),
  type: Type.String({ description: 'created · 一个流转动作（accept/assign/…）· comment · urge · rating' }),
  actor: Type.Object({ role: Type.String({ description: 'reporter · resident · staff · admin · worker · system · open311' }), name: Type.Union([Type.String(), Type.Null()]) }),
  at: Type.String(),
  note: Type.Optional(Type.String()),
  internal: Type.Boolean(),
  fromStatus: Type.Union([Type.Enum(REPAIR_STATUSES), Type.Null()]),
  toStatus: Type.Union([Type.Enum(REPAIR_STATUSES), Type.Null()]),
  photos: Type.Array(Photo),
})
export type RepairEvent = Static<typeof RepairEventSchema>

export const RepairTicketSchema = Type.Interface([RepairTicketSummarySchema], {
    photos: Type.Array(Photo),
    preferredTime: Type.Union([Type.String(), Type.Null()]),
    /** Full number for staff and the assigned worker, masked for the household, absent for anyone else. */
    contactPhone: Type.Union([Type.String(), Type.Null()]),
    reporterName: Type.Union([Type.String(), Type.Null()]),
    resolvedAt: Type.Union([Type.String(), Type.Null()]),
    closedAt: Type.Union([Type.String(), Type.Null()]),
    rating: Type.Union([Rating, Type.Null()]),
    /** The caller's relation to the ticket; with `actions`, what the app offers. */
    parties: Type.Array(Type.Enum(REPAIR_PARTIES)),
    actions: Type.Array(Type.Enum(REPAIR_ACTIONS)),
    canUrge: Type.Boolean(),
    canRate: Type.Boolean(),
    canComment: Type.Boolean(),
    events: Type.Array(RepairEventSchema),
})
export type RepairTicket = Static<typeof RepairTicketSchema>

export const MeTooSchema = Type.Object({ meToo: Type.Boolean(), meTooCount: Type.Integer() })
export const WorkerListSchema = Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), openJobs: Type.Integer() })) })
export type WorkerList = Static<typeof WorkerListSchema>

export const CreateOpen311KeySchema = Type.Object({ label: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false })
export const Open311KeySchema = Type.Object({ id: Type.Integer(), label: Type.String(), key: Type.String({ description: '只显示这一次，请妥善保存' }), jurisdictionId: Type.String() })
