import { Type, type Static } from 'typebox'
import { CITY_RULES } from '../identity'
import { CATEGORY_IDS, ITEM_LIMITS, SCHEDULE_LIMITS } from '../sorting'
import { CursorQuerySchema, Paged } from './common'

const Category = Type.Enum(CATEGORY_IDS)
const City = Type.Enum(CITY_RULES)
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: '北京时间 HH:MM' })

export const SortingCategorySchema = Type.Object({
  id: Category,
  label: Type.String(),
  color: Type.String(),
  textColor: Type.String(),
  icon: Type.String(),
})

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({ maxLength: ITEM_LIMITS.maxQueryLength }),
    city: Type.Optional(City),
  },
  { additionalProperties: false },
)
export type SearchQuery = Static<typeof SearchQuerySchema>

export const SearchResultSchema = Type.Object({
  city: City,
  items: Type.Array(
    Type.Object({
      name: Type.String(),
      category: Category,
      label: Type.String(),
      color: Type.String(),
      textColor: Type.String(),
      icon: Type.String(),
      aliases: Type.Array(Type.String()),
      tip: Type.Optional(Type.String()),
      match: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('substring'), Type.Literal('alias'), Type.Literal('fuzzy')]),
    }),
  ),
})
export type SearchResult = Static<typeof SearchResultSchema>

export const DatasetQuerySchema = Type.Object({ city: Type.Optional(City) }, { additionalProperties: false })

const EntrySchema = Type.Object({
  name: Type.String(),
  category: Category,
  aliases: Type.Array(Type.String()),
  tip: Type.Optional(Type.String()),
  pinyin: Type.Array(Type.String()),
  initials: Type.Array(Type.String()),
})

export const DatasetSchema = Type.Object({
  version: Type.String(),
  city: City,
  categories: Type.Array(SortingCategorySchema),
  items: Type.Array(EntrySchema),
})
export type Dataset = Static<typeof DatasetSchema>

const SlotSchema = Type.Object({ start: Clock, end: Clock }, { additionalProperties: false })

export const PutScheduleSchema = Type.Object(
  {
    slots: Type.Array(SlotSchema, { minItems: 1, maxItems: SCHEDULE_LIMITS.maxSlots }),
    places: Type.Array(Type.String({ minLength: 1, maxLength: SCHEDULE_LIMITS.maxPlaceLength }), { minItems: 1, maxItems: 10 }),
    note: Type.Optional(Type.String({ maxLength: SCHEDULE_LIMITS.maxNoteLength })),
  },
  { additionalProperties: false },
)
export type PutSchedule = Static<typeof PutScheduleSchema>

export const ScheduleSchema = Type.Object({
  communityName: Type.String(),
  city: City,
  slots: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  places: Type.Array(Type.String()),
  note: Type.String(),
  /** "7:00–9:00、18:00–20:00，3号楼东侧" (empty when nothing is set) */
  summary: Type.String(),
  canEdit: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
})
export type Schedule = Static<typeof ScheduleSchema>

export const CreateMissSchema = Type.Object({ q: Type.String({ minLength: 1, maxLength: ITEM_LIMITS.maxQueryLength }) }, { additionalProperties: false })
export const MissRecordedSchema = Type.Object({ query: Type.String(), count: Type.Integer() })

export const MissListQuerySchema = CursorQuerySchema

export const MissListSchema = Paged(
  Type.Object({
    query: Type.String(),
    count: Type.Integer(),
    lastAt: Type.String(),
    /** The query now finds something (an item was added since). */
    found: Type.Boolean(),
  }),
)
export type MissList = Static<typeof MissListSchema>

const Word = Type.String({ minLength: 1, maxLength: ITEM_LIMITS.maxNameLength, pattern: '^[^\\s|]([^|\\t\\r\\n]*[^\\s|])?$', description: '不能以空格开头或结尾，不能含 |' })

export const CreateItemSchema = Type.Object(
  {
    name: Word,
    category: Category,
    aliases: Type.Optional(Type.Array(Word, { maxItems: ITEM_LIMITS.maxAliases })),
    tip: Type.Optional(Type.String({ maxLength: ITEM_LIMITS.maxTipLength })),
  },
  { additionalProperties: false },
)
export type CreateItem = Static<typeof CreateItemSchema>

export const CreatedItemSchema = Type.Object({
  name: Type.String(),
  category: Category,
  aliases: Type.Array(Type.String()),
  tip: Type.Optional(Type.String()),
  pinyin: Type.Array(Type.String()),
  initials: Type.Array(Type.String()),
  label: Type.String(),
})
