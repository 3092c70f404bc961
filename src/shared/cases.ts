// Cases as the API speaks of them: states, channels, and the request/response shapes shared
// by the server and the web app.
import Type, { type Static } from 'typebox';
import { MediaRef, TimelineEvent } from './case-events.js';
import { CaseStateSchema, type Channel, ChannelSchema } from './case-states.js';
import { Nullable } from './nullable.js';
import { PrioritySchema } from './reference-data.js';

export { MediaRef, TimelineEvent } from './case-events.js';
export {
  CASE_STATES,
  type CaseState,
  CaseStateSchema,
  CHANNELS,
  type Channel,
  ChannelSchema,
  OPEN_STATES,
} from './case-states.js';

const DateTime = Type.String({ format: 'date-time' });

/**
 * The answers to the chosen category's attributes, by attribute code: text (string, text,
 * datetime, singlevaluelist key), a number, or a list of keys (multivaluelist).
 */
export const AttributeValues = Type.Record(
  Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' }),
  Type.Union([
    Type.String({ maxLength: 4000 }),
    Type.Number(),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  ]),
  { description: "Answers to the category's attributes, by attribute code" },
);
export type AttributeValues = Static<typeof AttributeValues>;

/**
 * The channels a person's own report comes by: the citizen apps (app, the default, or web) and,
 * for the operations center taking a call, hotline. The server sets every other one by the way
 * in (open311 for Open311 clients, sensor for detections), so nobody files as a sensor.
 */
export const REPORTED_CHANNELS = ['app', 'web', 'hotline'] as const satisfies readonly Channel[];
/** What a citizen's own report may say of its channel (hotline is the operations center's). */
export const CITIZEN_CHANNELS: readonly Channel[] = ['app', 'web'];
const CHANNEL_NOTE =
  "Which front end sent the report: app (the default) or web; hotline for the operations center's calls (operators and admins only). Any other channel is the server's to set by the way a report comes in (open311 for Open311, sensor for detections) and is refused here (400).";

export const ReportInput = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 4000, description: 'What is wrong, in plain text' }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'A category code, if the citizen chose one' }),
    ),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    channel: Type.Optional(Type.Enum(REPORTED_CHANNELS, { description: CHANNEL_NOTE })),
    anonymous: Type.Optional(
      Type.Boolean({ description: 'The public never sees the reporter; with this, agency staff do not either' }),
    ),
    attributes: Type.Optional(AttributeValues),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportInput>;

const caseFields = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'Readable code, e.g. HUE-2611-000123' }),
  state: CaseStateSchema,
  title: Nullable(Type.String()),
  description: Type.String(),
  category: Nullable(Type.String()),
  priority: PrioritySchema,
  lat: Type.Number(),
  lon: Type.Number(),
  address: Nullable(Type.String()),
  area: Nullable(Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() })),
  agency: Nullable(Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() })),
  channel: ChannelSchema,
  merged_into: Nullable(Type.String({ description: 'Code of the case this one was merged into' })),
  due_at: Nullable(DateTime),
  overdue: Type.Boolean(),
  rating: Nullable(Type.Integer()),
  supporter_count: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
  resolved_at: Nullable(DateTime),
  closed_at: Nullable(DateTime),
  media: Type.Array(MediaRef),
};

/**
 * What a citizen sees of a case they follow: their own report in full; one they support, or
 * that a report of theirs was merged into, as the public sees it (following_as says which).
 */
export const CitizenCase = Type.Object({
  ...caseFields,
  version: Type.Integer(),
  following_as: Type.Optional(
    Type.Union([Type.Literal('reporter'), Type.Literal('merged'), Type.Literal('supporter')], {
      description:
        'reporter: your report; merged: a report of yours was merged into it (you may answer and rate); supporter: you follow it',
    }),
  ),
  timeline: Type.Optional(Type.Array(TimelineEvent)),
  exif_suggestion: Type.Optional(
    Nullable(Type.Object({ lat: Nullable(Type.Number()), lon: Nullable(Type.Number()), taken_at: Nullable(DateTime) })),
  ),
});
export type CitizenCase = Static<typeof CitizenCase>;

/** What the triage model suggested for a case, shown to staff. */
export const TriageSuggestionView = Type.Object({
  model_version: Type.String(),
  classifier: Type.String(),
  category: Type.String(),
  confidence: Type.Number(),
  top3: Type.Array(Type.Object({ category: Type.String(), confidence: Type.Number() })),
  priority: PrioritySchema,
  priority_confidence: Type.Number(),
  agency: Nullable(Type.String()),
  routing_explanation: Nullable(Type.Object({ vi: Type.String(), en: Type.String() })),
  abuse_reasons: Type.Array(Type.String(), {
    description: 'Insults, spam or repeated reports: for the operator to judge',
  }),
});
export type TriageSuggestionView = Static<typeof TriageSuggestionView>;

/** What staff see: everything, with the reporter's contact where the law allows. */
export const StaffCase = Type.Object({
  ...caseFields,
  version: Type.Integer(),
  anonymous: Type.Boolean(),
  reporter: Nullable(
    Type.Object({
      id: Type.String(),
      display_name: Type.String(),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
    }),
  ),
  reject_reason: Nullable(Type.String()),
  assigned_at: Nullable(DateTime),
  first_response_at: Nullable(DateTime),
  escalated_at: Nullable(DateTime),
  reopen_count: Type.Integer(),
  suggestion: Type.Optional(Nullable(TriageSuggestionView)),
  attributes: Type.Optional(AttributeValues),
  timeline: Type.Optional(Type.Array(TimelineEvent)),
});
export type StaffCase = Static<typeof StaffCase>;

/** The public face of a case: no reporter, personal data masked in the text. */
export const PublicCase = Type.Object({
  ...caseFields,
  timeline: Type.Optional(Type.Array(TimelineEvent)),
});
export type PublicCase = Static<typeof PublicCase>;
