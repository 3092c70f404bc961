// How a case is shown to each audience: staff see everything (the reporter of an anonymous
// report only in the operations center: privacy.ts), the reporting citizen their own case with
// its public timeline, the public (and a citizen who only follows the case) no person at all,
// personal data and the reporter's own name and phone masked in the text.
import type { Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import type {
  AttributeValues,
  CitizenCase,
  MediaRef,
  PublicCase,
  StaffCase,
  TimelineEvent,
} from '../../shared/cases.js';
import type { AuditContext } from '../audit/service.js';
import { maskReporterIdentity, type Reporters, redactPersonalData } from '../triage/redaction.js';
import { DERIVED_COLUMNS, type StoredEvent } from './events.js';
import { reporterIdentities, staffMayKnowReporter } from './privacy.js';
import type { StoredCase } from './timeline.js';
import { detailsOf, TimelineNames } from './timeline-details.js';

/** A cases row with the names it refers to, as CASE_SELECT returns it. */
export interface CaseWithNames extends StoredCase {
  category_code: string | null;
  area_code: string | null;
  area_name_vi: string | null;
  area_name_en: string | null;
  agency_code: string | null;
  agency_name_vi: string | null;
  agency_name_en: string | null;
  merged_into_code: string | null;
  overdue: boolean;
}

/** The names a case refers to and its overdue flag, selected beside c.* (CASE_JOINS supplies them). */
export const CASE_NAMES = `cat.code AS category_code,
    ar.code AS area_code, ar.name_vi AS area_name_vi, ar.name_en AS area_name_en,
    ag.code AS agency_code, ag.name_vi AS agency_name_vi, ag.name_en AS agency_name_en,
    m.code AS merged_into_code,
    (c.due_at < now() AND c.state IN ('assigned', 'in_progress', 'reopened')) AS overdue`;

export const CASE_JOINS = `LEFT JOIN categories cat ON cat.id = c.category_id
  LEFT JOIN areas ar ON ar.id = c.area_id
  LEFT JOIN agencies ag ON ag.id = c.agency_id
  LEFT JOIN cases m ON m.id = c.merged_into_id`;

export const CASE_SELECT = `SELECT c.*, ${CASE_NAMES} FROM cases c ${CASE_JOINS}`;

/** What no view shows: the search text, the category and merge keys, the idempotency key, the SLA's bookkeeping. */
const NOT_VIEWED = [
  'search_text',
  'category_id',
  'merged_into_id',
  'idempotency_key',
  'idempotency_request_sha256',
  'sla_paused_at',
  'reminded_at',
  'rating_comment',
] as const;
type NotViewed = (typeof NOT_VIEWED)[number];

const VIEWED_COLUMNS = [
  'id',
  'code',
  'created_at',
  'updated_at',
  ...DERIVED_COLUMNS.filter((column) => !(NOT_VIEWED as readonly string[]).includes(column)),
];

/** A case as the views read it (a page of cases selects no more). */
export type ViewedCase = Omit<CaseWithNames, NotViewed>;

/** VIEWED_COLUMNS of cases c, for a select list beside CASE_NAMES. */
export const VIEWED_SELECT = VIEWED_COLUMNS.map((column) => `c.${column}`).join(', ');

export async function loadCase(db: Queryable, where: string, params: unknown[]): Promise<CaseWithNames | null> {
  const { rows } = await db.query<CaseWithNames>(`${CASE_SELECT} WHERE ${where}`, params);
  return rows[0] ?? null;
}

export interface MediaRow {
  case_id: string;
  event_id: number;
  id: string;
  kind: 'image' | 'video' | 'audio';
  public: boolean;
}

export type MediaAudience = 'public' | 'citizen' | 'staff';

function mediaRef(row: MediaRow, audience: MediaAudience): MediaRef | null {
  if (row.kind === 'image' && row.public) {
    return {
      id: row.id,
      type: 'image',
      url: `/api/v1/media/${row.id}/public`,
      thumbnail_url: `/api/v1/media/${row.id}/thumbnail`,
    };
  }
  // Video, audio and unpublished originals are for the people of the case only.
  if (audience === 'public') return null;
  return { id: row.id, type: row.kind, url: `/api/v1/cases/${row.case_id}/media/${row.id}`, thumbnail_url: null };
}

export async function mediaOf(db: Queryable, caseIds: string[]): Promise<MediaRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await db.query<MediaRow>(
    // a public copy is shown only for an attachment of a public event (a reply the citizen
    // kept for the city alone keeps its photos to the people of the case)
    `SELECT cm.case_id, cm.event_id, m.id, m.kind, m.public AND e.public AS public
       FROM case_media cm JOIN media m ON m.id = cm.media_id JOIN case_events e ON e.id = cm.event_id
      WHERE cm.case_id = ANY($1) ORDER BY cm.event_id, cm.position`,
    [caseIds],
  );
  return rows;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const named = (code: string | null, vi: string | null, en: string | null) =>
  code ? { code, name_vi: vi ?? '', name_en: en ?? '' } : null;

const asWritten = (text: string) => text;

function baseView(row: ViewedCase, media: MediaRow[], audience: MediaAudience, redact: (text: string) => string) {
  return {
    id: row.id,
    code: row.code,
    state: row.state,
    title: row.title === null ? null : redact(row.title),
    description: redact(row.description),
    category: row.category_code,
    priority: row.priority,
    lat: row.lat,
    lon: row.lon,
    address: row.address === null ? null : redact(row.address),
    area: named(row.area_code, row.area_name_vi, row.area_name_en),
    agency: named(row.agency_code, row.agency_name_vi, row.agency_name_en),
    channel: row.channel,
    merged_into: row.merged_into_code,
    due_at: iso(row.due_at),
    overdue: row.overdue,
    rating: row.rating,
    supporter_count: row.supporter_count,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    resolved_at: iso(row.resolved_at),
    closed_at: iso(row.closed_at),
    media: media
      .filter((m) => m.case_id === row.id)
      .map((m) => mediaRef(m, audience))
      .filter((m): m is MediaRef => m !== null),
  };
}

/** reporters: who reported the case (reporterIdentities), masked wherever they typed themselves. */
export function publicView(row: ViewedCase, media: MediaRow[], reporters: Reporters): PublicCase {
  return baseView(row, media, 'public', (text) => redactPersonalData(text, reporters));
}

export function citizenView(row: ViewedCase, media: MediaRow[]): CitizenCase {
  // assigned onto the fresh view rather than spread into a new one, which would be a slow dictionary object
  return Object.assign(baseView(row, media, 'citizen', asWritten), { version: row.version });
}

export interface ReporterRow {
  id: string;
  display_name: string;
  phone: string | null;
  email: string | null;
}

async function reporterOf(db: Queryable, userId: string): Promise<ReporterRow | null> {
  const { rows } = await db.query<ReporterRow>('SELECT id, display_name, phone, email FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0] ?? null;
}

export async function staffView(
  db: Queryable,
  principal: Principal,
  row: ViewedCase,
  media: MediaRow[],
  /** Already read with a page of cases (null: none); looked up for this case when undefined. */
  pageReporter?: ReporterRow | null,
  /** Who is looking, for the audit log: without it an anonymous reporter stays hidden (the queue). */
  audit: AuditContext | null = null,
): Promise<StaffCase> {
  let reporter: ReporterRow | null = null;
  let redact = asWritten;
  if (row.reporter_id) {
    const found = pageReporter !== undefined ? pageReporter : await reporterOf(db, row.reporter_id);
    if (await staffMayKnowReporter(db, principal, row, audit)) reporter = found;
    // an anonymous reporter who typed their own name or number stays anonymous
    else if (found)
      redact = (text) =>
        maskReporterIdentity(text, { name: found.display_name, phone: found.phone, email: found.email });
  }
  // assigned onto the fresh view rather than spread into a new one (see citizenView)
  return Object.assign(baseView(row, media, 'staff', redact), {
    version: row.version,
    anonymous: row.anonymous,
    reporter,
    reject_reason: row.reject_reason,
    assigned_at: iso(row.assigned_at),
    first_response_at: iso(row.first_response_at),
    escalated_at: iso(row.escalated_at),
    reopen_count: row.reopen_count,
  });
}

interface EventRow extends StoredEvent {
  actor_name: string | null;
}

function messageOf(event: EventRow): string | null {
  const payload = event.payload as unknown as Record<string, unknown>;
  for (const key of ['message', 'reason', 'text', 'comment']) {
    if (typeof payload[key] === 'string') return payload[key] as string;
  }
  return null;
}

/** What a timeline leaves out for its reader (privacy.ts). */
export interface TimelineLimits {
  /** The reporter of an anonymous report, for staff outside the operations center: no name on their events, their name and number masked in the messages. */
  hiddenReporter?: string | null;
  /** The one citizen whose name these staff may read (the named reporter); absent: every citizen's. */
  namedCitizen?: string | null;
  /** The citizen reading their own case also sees what they kept for the city alone. */
  viewerId?: string | null;
}

export async function timelineOf(
  db: Queryable,
  caseId: string,
  audience: MediaAudience,
  limits: TimelineLimits = {},
): Promise<TimelineEvent[]> {
  const { hiddenReporter = null, namedCitizen, viewerId = null } = limits;
  const nameShown = (event: EventRow) =>
    event.actor_id !== hiddenReporter &&
    (namedCitizen === undefined || event.actor_role !== 'citizen' || event.actor_id === namedCitizen);
  const { rows } = await db.query<EventRow>(
    `SELECT e.*, u.display_name AS actor_name FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.case_id = $1 AND ($2 OR e.public OR e.actor_id = $3::uuid) ORDER BY e.id`,
    [caseId, audience === 'staff', audience === 'citizen' ? viewerId : null],
  );
  const media = await mediaOf(db, [caseId]);
  const reporters =
    audience === 'public' || hiddenReporter !== null ? (await reporterIdentities(db, [caseId])).get(caseId) : undefined;
  let redact = asWritten;
  if (audience === 'public') redact = (text) => redactPersonalData(text, reporters);
  else if (hiddenReporter !== null) redact = (text) => maskReporterIdentity(text, reporters);
  const names = new TimelineNames(db);
  const events: TimelineEvent[] = [];
  for (const event of rows) {
    const message = messageOf(event);
    events.push({
      id: event.id,
      type: event.type,
      at: event.created_at.toISOString(),
      public: event.public,
      actor_role: event.actor_role,
      // staff see who acted; citizens and the public see roles, never a citizen's name
      ...(audience === 'staff' ? { actor_name: nameShown(event) ? event.actor_name : null } : {}),
      from_state: event.from_state,
      to_state: event.to_state,
      message: message === null ? null : redact(message),
      details: await detailsOf(event.type, event.payload, names),
      media: media
        .filter((m) => m.event_id === event.id)
        .map((m) => mediaRef(m, audience))
        .filter((m): m is MediaRef => m !== null),
    } as TimelineEvent); // its type and details come from the same stored event
  }
  return events;
}

/** The answers the report gave to its category's attributes (kept in its submitted event), for staff. */
export async function attributesOf(db: Queryable, caseId: string): Promise<AttributeValues> {
  const { rows } = await db.query<{ attributes: AttributeValues | null }>(
    `SELECT payload->'attributes' AS attributes FROM case_events WHERE case_id = $1 AND type = 'submitted'`,
    [caseId],
  );
  return rows[0]?.attributes ?? {};
}
