// The one contract for the events of a case's timeline, shared by the server (the reducer that
// derives the case row, the API, webhooks, notifications) and the web app (the timeline). Each
// event type is declared once, below: who may see it, what it stores, and what the API shows.
import Type, { type Static, type TSchema } from 'typebox';
import { type CaseState, CaseStateSchema, ChannelSchema } from './case-states.js';
import { Nullable } from './nullable.js';
import { PrioritySchema } from './reference-data.js';

const DateTime = Type.String({ format: 'date-time' });
const Named = Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() });
// nothing beyond the message (typed as an object with no keys, not as any object)
// Stored payloads are checked by TypeBox itself (tests, replays), which reads JSON Schema's
// null type, not OpenAPI's `nullable` that the API's Nullable writes for the serializer.
const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Empty = Type.Unsafe<Record<string, never>>(Type.Object({}));

const SubmittedPayload = Type.Object({
  title: OrNull(Type.String()),
  description: Type.String(),
  search_text: Type.String(),
  category_id: OrNull(Type.Integer()),
  priority: PrioritySchema,
  lat: Type.Number(),
  lon: Type.Number(),
  address: OrNull(Type.String()),
  area_id: OrNull(Type.Integer()),
  channel: ChannelSchema,
  anonymous: Type.Boolean(),
  reporter_id: OrNull(Type.String()),
  idempotency_key: OrNull(Type.String()),
  /** sha256 of the request that used the key: the same key with another request is refused (absent before it was kept). */
  idempotency_request_sha256: Type.Optional(OrNull(Type.String())),
  /** Answers to the category's attributes (staff read them from here; no column derives from them). */
  attributes: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
  ),
});

const Categorized = {
  category_id: Type.Optional(OrNull(Type.Integer())),
  priority: Type.Optional(PrioritySchema),
  previous_category_id: Type.Optional(OrNull(Type.Integer())),
  previous_priority: Type.Optional(PrioritySchema),
};

/** Who may see an event: `either` types are public or internal event by event. */
export type CaseEventAudience = 'public' | 'internal' | 'either';

interface CaseEventDefinition {
  audience: CaseEventAudience;
  /** What the event stores (case_events.payload), ids and all: the reducer reads it. */
  payload: TSchema;
  /** What the API shows of it (`details`): ids turned into codes and names, internal keys left out. */
  details: TSchema;
}

/**
 * Every kind of event. The `message` of an event (its message, reason, text or comment) is shown
 * apart from its details.
 */
export const CASE_EVENTS = {
  submitted: { audience: 'public', payload: SubmittedPayload, details: Empty },
  triaged: {
    audience: 'public',
    payload: Type.Object({ category_id: OrNull(Type.Integer()), priority: PrioritySchema }),
    details: Type.Object({ category: Type.Optional(Nullable(Type.String())), priority: PrioritySchema }),
  },
  categorized: {
    audience: 'internal',
    payload: Type.Object(Categorized),
    details: Type.Object({
      category: Type.Optional(Nullable(Type.String())),
      priority: Type.Optional(PrioritySchema),
      previous_category: Type.Optional(Nullable(Type.String())),
      previous_priority: Type.Optional(PrioritySchema),
    }),
  },
  assigned: {
    audience: 'public',
    payload: Type.Object({
      agency_id: Type.Integer(),
      due_at: DateTime,
      explanation: Type.Optional(Type.String()),
    }),
    details: Type.Object({
      agency: Nullable(Named),
      due_at: DateTime,
      explanation: Type.Optional(Type.String()),
    }),
  },
  accepted: { audience: 'public', payload: Type.Object({ message: Type.Optional(Type.String()) }), details: Empty },
  info_requested: { audience: 'public', payload: Type.Object({ message: Type.String() }), details: Empty },
  citizen_replied: { audience: 'public', payload: Type.Object({ message: Type.String() }), details: Empty },
  transferred: {
    // back to the operations center it is internal; to another agency the citizen sees it
    audience: 'either',
    payload: Type.Object({ to_agency_id: OrNull(Type.Integer()), reason: Type.String(), due_at: OrNull(DateTime) }),
    details: Type.Object({
      agency: Type.Optional(Nullable(Named)),
      due_at: Nullable(DateTime),
    }),
  },
  resolved: { audience: 'public', payload: Type.Object({ message: Type.String() }), details: Empty },
  rated: {
    audience: 'public',
    payload: Type.Object({ rating: Type.Integer(), comment: OrNull(Type.String()), fixed: Type.Boolean() }),
    details: Type.Object({ rating: Type.Integer(), fixed: Type.Boolean() }),
  },
  auto_closed: {
    audience: 'public',
    payload: Type.Object({ after_days: Type.Integer() }),
    details: Type.Object({ after_days: Type.Integer() }),
  },
  rejected: { audience: 'public', payload: Type.Object({ reason: Type.String() }), details: Empty },
  merged: {
    audience: 'public',
    payload: Type.Object({ into_case_id: Type.String(), into_code: Type.String() }),
    details: Type.Object({ into_code: Type.String() }),
  },
  merge_received: {
    audience: 'internal',
    payload: Type.Object({ from_case_id: Type.String(), from_code: Type.String() }),
    details: Type.Object({ from_code: Type.String() }),
  },
  note: { audience: 'internal', payload: Type.Object({ text: Type.String() }), details: Empty },
  reminded: {
    audience: 'internal',
    payload: Type.Object({ due_at: DateTime }),
    details: Type.Object({ due_at: DateTime }),
  },
  escalated: {
    audience: 'internal',
    payload: Type.Object({ due_at: DateTime }),
    details: Type.Object({ due_at: DateTime }),
  },
  // who supports is personal: the details leave them out
  supported: { audience: 'internal', payload: Type.Object({ user_id: Type.String() }), details: Empty },
  // a citizen's public comment relayed by a front end (Open311); with to_state reopened it also
  // reopens a resolved case ("still not fixed")
  commented: { audience: 'public', payload: Type.Object({ message: OrNull(Type.String()) }), details: Empty },
} as const satisfies Record<string, CaseEventDefinition>;

type Definitions = typeof CASE_EVENTS;
export type CaseEventType = keyof Definitions;
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENTS) as CaseEventType[];
export const CaseEventTypeSchema = Type.Enum(CASE_EVENT_TYPES);

/** What each kind of event stores. */
export type CaseEventPayloads = { [T in CaseEventType]: Static<Definitions[T]['payload']> };
export type SubmittedPayload = CaseEventPayloads['submitted'];
/** What the API shows of each kind of event. */
export type CaseEventDetails = { [T in CaseEventType]: Static<Definitions[T]['details']> };

/** The event types that can reach the citizen and the public (and so other systems, by webhook). */
export const PUBLIC_CASE_EVENT_TYPES = CASE_EVENT_TYPES.filter((type) => CASE_EVENTS[type].audience !== 'internal');

export const MediaRef = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio')]),
  url: Type.String(),
  thumbnail_url: Nullable(Type.String()),
});
export type MediaRef = Static<typeof MediaRef>;

const timelineFields = {
  id: Type.Integer(),
  at: DateTime,
  public: Type.Boolean(),
  actor_role: Nullable(Type.String()),
  actor_name: Type.Optional(Nullable(Type.String())),
  from_state: Nullable(CaseStateSchema),
  to_state: Nullable(CaseStateSchema),
  message: Nullable(Type.String()),
  media: Type.Array(MediaRef),
};
interface TimelineFields {
  id: number;
  at: string;
  public: boolean;
  actor_role: string | null;
  actor_name?: string | null;
  from_state: CaseState | null;
  to_state: CaseState | null;
  message: string | null;
  media: MediaRef[];
}

/** One event as the API shows it; its `type` says what its `details` hold. */
export type TimelineEvent = {
  [T in CaseEventType]: TimelineFields & { type: T; details: CaseEventDetails[T] };
}[CaseEventType];
/** One event of the given type(s). */
export type TimelineEventOf<T extends CaseEventType> = Extract<TimelineEvent, { type: T }>;
export const TimelineEvent = Type.Unsafe<TimelineEvent>(
  Type.Union(
    CASE_EVENT_TYPES.map((type) =>
      Type.Object({ ...timelineFields, type: Type.Literal(type), details: CASE_EVENTS[type].details }),
    ),
  ),
);

/** Narrows a timeline event to one type (`timeline.find(isEvent('rated'))`). */
export const isEvent =
  <T extends CaseEventType>(type: T) =>
  (event: TimelineEvent): event is TimelineEventOf<T> =>
    event.type === type;
