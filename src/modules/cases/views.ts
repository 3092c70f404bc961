// How a case is shown to each audience: staff see everything (the reporter's contact unless
// the report is anonymous and they are agency staff), the citizen their own case with its
// public timeline, the public no person at all and personal data masked in the text.
import type { Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import type { CitizenCase, MediaRef, PublicCase, StaffCase, TimelineEvent } from '../../shared/cases.js';
import { isAgencyRole } from '../../shared/roles.js';
import { redactPersonalData } from '../triage/redaction.js';
import { DERIVED_COLUMNS, type StoredEvent } from './events.js';
import type { StoredCase } from './timeline.js';

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

function baseView(row: ViewedCase, media: MediaRow[], audience: MediaAudience) {
  const redact = audience === 'public' ? redactPersonalData : (text: string) => text;
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

export function publicView(row: ViewedCase, media: MediaRow[]): PublicCase {
  return baseView(row, media, 'public');
}

export function citizenView(row: ViewedCase, media: MediaRow[]): CitizenCase {
  // assigned onto the fresh view rather than spread into a new one, which would be a slow dictionary object
  return Object.assign(baseView(row, media, 'citizen'), { version: row.version });
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
): Promise<StaffCase> {
  let reporter: ReporterRow | null = null;
  const hidden = row.anonymous && isAgencyRole(principal.role);
  if (row.reporter_id && !hidden) {
    reporter = pageReporter !== undefined ? pageReporter : await reporterOf(db, row.reporter_id);
  }
  // assigned onto the fresh view rather than spread into a new one (see citizenView)
  return Object.assign(baseView(row, media, 'staff'), {
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

/** Payload fields people read; ids are turned into codes, internal keys dropped. */
async function readableDetails(db: Queryable, event: EventRow): Promise<Record<string, unknown>> {
  const payload = event.payload as unknown as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const key of ['agency_id', 'to_agency_id'] as const) {
    if (typeof payload[key] === 'number') {
      const { rows } = await db.query<{ code: string; name_vi: string; name_en: string }>(
        'SELECT code, name_vi, name_en FROM agencies WHERE id = $1',
        [payload[key]],
      );
      details.agency = rows[0] ?? null;
    }
  }
  for (const key of ['category_id', 'previous_category_id'] as const) {
    if (typeof payload[key] === 'number') {
      const { rows } = await db.query<{ code: string }>('SELECT code FROM categories WHERE id = $1', [payload[key]]);
      details[key.replace('_id', '')] = rows[0]?.code ?? null;
    }
  }
  for (const key of [
    'priority',
    'previous_priority',
    'rating',
    'fixed',
    'into_code',
    'from_code',
    'due_at',
    'explanation',
  ]) {
    if (payload[key] !== undefined) details[key] = payload[key];
  }
  return details;
}

function messageOf(event: EventRow): string | null {
  const payload = event.payload as unknown as Record<string, unknown>;
  for (const key of ['message', 'reason', 'text', 'comment']) {
    if (typeof payload[key] === 'string') return payload[key] as string;
  }
  return null;
}

/** `viewerId`: the citizen reading their own case also sees what they kept for the city alone. */
export async function timelineOf(
  db: Queryable,
  caseId: string,
  audience: MediaAudience,
  viewerId: string | null = null,
): Promise<TimelineEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.*, u.display_name AS actor_name FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.case_id = $1 AND ($2 OR e.public OR e.actor_id = $3::uuid) ORDER BY e.id`,
    [caseId, audience === 'staff', audience === 'citizen' ? viewerId : null],
  );
  const media = await mediaOf(db, [caseId]);
  const redact = audience === 'public' ? redactPersonalData : (text: string) => text;
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
      ...(audience === 'staff' ? { actor_name: event.actor_name } : {}),
      from_state: event.from_state,
      to_state: event.to_state,
      message: message === null ? null : redact(message),
      details: event.type === 'submitted' ? {} : await readableDetails(db, event),
      media: media
        .filter((m) => m.event_id === event.id)
        .map((m) => mediaRef(m, audience))
        .filter((m): m is MediaRef => m !== null),
    });
  }
  return events;
}
