import { Type, type Static } from 'typebox'
import {
  BALLOT_CHANNELS,
  LEGAL_CONDITIONS,
  LEGAL_RULES,
  POLL_DESCRIPTION_MAX,
  POLL_KINDS,
  POLL_OPTION_MAX,
  POLL_OPTIONS_MAX,
  POLL_STATUSES,
  POLL_TITLE_MAX,
  POLL_VOTERS,
  RESULTS_VISIBILITY,
} from '../polls'
import { Paged, PagedQuery } from './common'

const IsoTime = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 时间（含时区）' })
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })
const Choices = Type.Array(Id, { minItems: 1, maxItems: POLL_OPTIONS_MAX, uniqueItems: true, description: '选项 id' })
const Reason = Type.String({ minLength: 1, maxLength: 200 })

export const CreatePollSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: POLL_TITLE_MAX }),
    description: Type.Optional(Type.String({ maxLength: POLL_DESCRIPTION_MAX })),
    kind: Type.Enum(POLL_KINDS),
    /** Required for single/multi (2–20); an approval poll always has 同意/反对/弃权 and must not send any. */
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: POLL_OPTION_MAX }), { maxItems: POLL_OPTIONS_MAX })),
    maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: POLL_OPTIONS_MAX })),
    buildingIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    opensAt: Type.Optional(IsoTime),
    closesAt: IsoTime,
    secret: Type.Boolean(),
    resultsVisibility: Type.Enum(RESULTS_VISIBILITY),
    legalRule: Type.Enum(LEGAL_RULES),
    voters: Type.Enum(POLL_VOTERS),
  },
  { additionalProperties: false },
)
export type CreatePoll = Static<typeof CreatePollSchema>

export const ClosePollSchema = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false })
export const CancelPollSchema = Type.Object({ reason: Reason }, { additionalProperties: false })

export const CastBallotSchema = Type.Object(
  {
    choices: Choices,
    /** Needed only when the voter belongs to more than one household in the poll's scope. */
    householdId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type CastBallot = Static<typeof CastBallotSchema>

export const PaperBallotSchema = Type.Object(
  {
    householdId: Id,
    choices: Choices,
    note: Type.Optional(Type.String({ maxLength: 200 })),
    /** Replacing a ballot the household cast in the app needs override: true and a reason; both are logged. */
    override: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
)
export type PaperBallot = Static<typeof PaperBallotSchema>

export const PollListQuerySchema = PagedQuery({ status: Type.Optional(Type.Enum(POLL_STATUSES)) })

export const ReceiptParamsSchema = Type.Object(
  { id: Id, code: Type.String({ minLength: 4, maxLength: 32, pattern: '^[A-Za-z0-9]+$' }) },
  { additionalProperties: false },
)

const Option = Type.Object({ id: Type.Integer(), label: Type.String() })

export const PollSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.Enum(POLL_KINDS),
  status: Type.Enum(POLL_STATUSES),
  legalRule: Type.Enum(LEGAL_RULES),
  scope: Type.Enum(['community', 'building'] as const),
  buildings: Type.Array(Type.String()),
  opensAt: Type.Union([Type.String(), Type.Null()]),
  closesAt: Type.String(),
  /** Whether one of the caller's households in scope has a ballot. */
  voted: Type.Boolean(),
})
export const PollListSchema = Paged(PollSummarySchema)
export type PollSummary = Static<typeof PollSummarySchema>
export type PollList = Static<typeof PollListSchema>

export const BallotSchema = Type.Object({
  householdId: Type.Integer(),
  building: Type.String(),
  unit: Type.String(),
  room: Type.String(),
  /** Omitted in a secret poll unless the caller is the person who cast it. */
  choices: Type.Optional(Type.Array(Type.Integer())),
  channel: Type.Enum(BALLOT_CHANNELS),
  receipt: Type.String(),
  castAt: Type.String(),
  changes: Type.Integer({ description: '改票次数' }),
})
export type Ballot = Static<typeof BallotSchema>

export const PollSchema = Type.Object({
  ...PollSummarySchema.properties,
  description: Type.String(),
  options: Type.Array(Option),
  maxChoices: Type.Integer(),
  buildingIds: Type.Array(Type.Integer()),
  secret: Type.Boolean(),
  resultsVisibility: Type.Enum(RESULTS_VISIBILITY),
  voters: Type.Enum(POLL_VOTERS),
  createdBy: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  closeReason: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  /** The caller's households that may vote in this poll. */
  myHouseholds: Type.Array(Type.Object({ householdId: Type.Integer(), building: Type.String(), unit: Type.String(), room: Type.String(), voted: Type.Boolean() })),
  myBallot: Type.Optional(BallotSchema),
  canVote: Type.Boolean(),
  canManage: Type.Boolean(),
  resultsAvailable: Type.Boolean(),
})
export type Poll = Static<typeof PollSchema>

export const CastResultSchema = Type.Object({ ...BallotSchema.properties, pollId: Type.Integer(), changed: Type.Boolean() })

const Area = Type.Number({ description: 'm²，两位小数' })

export const LegalConditionSchema = Type.Object({
  name: Type.Enum(LEGAL_CONDITIONS),
  /** Percent, rounded to one decimal for display; `met` is decided exactly from numerator/denominator. */
  value: Type.Number(),
  required: Type.Number(),
  fraction: Type.String({ description: '法定比例，如 2/3' }),
  op: Type.Enum(['>=', '>'] as const),
  numerator: Type.Number(),
  denominator: Type.Number(),
  unit: Type.Enum(['area', 'owners'] as const),
  met: Type.Boolean(),
})

export const PollResultsSchema = Type.Object({
  pollId: Type.Integer(),
  status: Type.Enum(POLL_STATUSES),
  final: Type.Boolean(),
  turnout: Type.Object({
    households: Type.Integer(),
    eligibleHouseholds: Type.Integer(),
    owners: Type.Integer(),
    eligibleOwners: Type.Integer(),
    area: Area,
    eligibleArea: Area,
  }),
  options: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String(), households: Type.Integer(), owners: Type.Integer(), area: Area })),
  legal: Type.Optional(
    Type.Object({
      rule: Type.Enum(['ordinary', 'major'] as const),
      quorumMet: Type.Boolean(),
      passed: Type.Boolean(),
      conditions: Type.Array(LegalConditionSchema),
      failed: Type.Array(Type.Enum(LEGAL_CONDITIONS)),
    }),
  ),
  /** Named polls only, after closing: how each household voted (the public record). */
  ballots: Type.Optional(
    Type.Array(Type.Object({ householdId: Type.Integer(), building: Type.String(), unit: Type.String(), room: Type.String(), choices: Type.Array(Type.Integer()), channel: Type.Enum(BALLOT_CHANNELS) })),
  ),
})
export type PollResults = Static<typeof PollResultsSchema>

const TurnoutHousehold = Type.Object({ householdId: Type.Integer(), building: Type.String(), unit: Type.String(), room: Type.String() })

export const TurnoutListSchema = Type.Object({
  pollId: Type.Integer(),
  eligibleHouseholds: Type.Integer(),
  voted: Type.Integer(),
  notVoted: Type.Array(TurnoutHousehold),
  /** Households whose ballot came from the app (a paper ballot for one of them needs override + reason). */
  votedInApp: Type.Array(TurnoutHousehold),
})
export type TurnoutList = Static<typeof TurnoutListSchema>

export const ReceiptCheckSchema = Type.Object({ counted: Type.Boolean() })
