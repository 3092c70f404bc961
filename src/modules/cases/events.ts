// The events of a case's timeline and the one function that derives the case row from them.
// The row is a cache of the timeline: replaying every event from the first gives it back.
import type { CaseEventPayloads, CaseEventType, SubmittedPayload } from '../../shared/case-events.js';
import type { CaseState } from '../../shared/cases.js';

// The event types and their payloads are the shared contract (src/shared/case-events.ts).
export type { SubmittedPayload };
export type EventPayloads = CaseEventPayloads;
export type EventType = CaseEventType;

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloads[T];
  public: boolean;
  toState?: CaseState;
}

export interface StoredEvent<T extends EventType = EventType> {
  id: number;
  case_id: string;
  type: T;
  payload: EventPayloads[T];
  public: boolean;
  from_state: CaseState | null;
  to_state: CaseState | null;
  actor_id: string | null;
  actor_role: string | null;
  created_at: Date;
}

/** The derived columns of a cases row (id, code and timestamps of the row itself aside). */
export interface CaseRow extends Omit<SubmittedPayload, 'search_text'> {
  search_text: string;
  state: CaseState;
  version: number;
  agency_id: number | null;
  merged_into_id: string | null;
  reject_reason: string | null;
  assigned_at: Date | null;
  due_at: Date | null;
  sla_paused_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  rating: number | null;
  rating_comment: string | null;
  reopen_count: number;
  supporter_count: number;
  created_at: Date;
}

export const DERIVED_COLUMNS = [
  'state',
  'version',
  'title',
  'description',
  'search_text',
  'category_id',
  'priority',
  'lat',
  'lon',
  'address',
  'area_id',
  'channel',
  'anonymous',
  'reporter_id',
  'idempotency_key',
  'idempotency_request_sha256',
  'agency_id',
  'merged_into_id',
  'reject_reason',
  'assigned_at',
  'due_at',
  'sla_paused_at',
  'reminded_at',
  'escalated_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'rating',
  'rating_comment',
  'reopen_count',
  'supporter_count',
] as const satisfies readonly (keyof CaseRow)[];

/** The SQL type of each derived column, for statements that send many rows as typed arrays. */
export const DERIVED_COLUMN_TYPES: Record<(typeof DERIVED_COLUMNS)[number], string> = {
  state: 'text',
  version: 'int',
  title: 'text',
  description: 'text',
  search_text: 'text',
  category_id: 'bigint',
  priority: 'text',
  lat: 'float8',
  lon: 'float8',
  address: 'text',
  area_id: 'bigint',
  channel: 'text',
  anonymous: 'boolean',
  reporter_id: 'uuid',
  idempotency_key: 'text',
  idempotency_request_sha256: 'text',
  agency_id: 'bigint',
  merged_into_id: 'uuid',
  reject_reason: 'text',
  assigned_at: 'timestamptz',
  due_at: 'timestamptz',
  sla_paused_at: 'timestamptz',
  reminded_at: 'timestamptz',
  escalated_at: 'timestamptz',
  first_response_at: 'timestamptz',
  resolved_at: 'timestamptz',
  closed_at: 'timestamptz',
  rating: 'int',
  rating_comment: 'text',
  reopen_count: 'int',
  supporter_count: 'int',
};

const firstResponse = (row: CaseRow, at: Date) => row.first_response_at ?? at;

/** The case row after one more event. Pure: the same events always give the same row. */
export function applyEvent(row: CaseRow | null, event: StoredEvent): CaseRow {
  const at = event.created_at;
  if (event.type === 'submitted') {
    const p = event.payload as SubmittedPayload;
    // Listed, not spread: a literal that spreads and then adds fields is built as a slow
    // dictionary object, and intake makes one per report.
    return {
      title: p.title,
      description: p.description,
      search_text: p.search_text,
      category_id: p.category_id,
      priority: p.priority,
      lat: p.lat,
      lon: p.lon,
      address: p.address,
      area_id: p.area_id,
      channel: p.channel,
      anonymous: p.anonymous,
      reporter_id: p.reporter_id,
      idempotency_key: p.idempotency_key,
      idempotency_request_sha256: p.idempotency_request_sha256 ?? null,
      state: 'submitted',
      version: 1,
      agency_id: null,
      merged_into_id: null,
      reject_reason: null,
      assigned_at: null,
      due_at: null,
      sla_paused_at: null,
      reminded_at: null,
      escalated_at: null,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      rating: null,
      rating_comment: null,
      reopen_count: 0,
      supporter_count: 0,
      created_at: at,
    };
  }
  if (!row) throw new Error(`event ${event.type} before the case was submitted`);
  const next: CaseRow = { ...row, version: row.version + 1, state: event.to_state ?? row.state };
  switch (event.type) {
    case 'triaged':
    case 'categorized': {
      const p = event.payload as EventPayloads['categorized'];
      if (p.category_id !== undefined) next.category_id = p.category_id;
      if (p.priority !== undefined) next.priority = p.priority;
      return next;
    }
    case 'assigned': {
      const p = event.payload as EventPayloads['assigned'];
      return startSla(next, p.agency_id, at, new Date(p.due_at));
    }
    case 'transferred': {
      const p = event.payload as EventPayloads['transferred'];
      if (p.to_agency_id !== null && p.due_at) return startSla(next, p.to_agency_id, at, new Date(p.due_at));
      return {
        ...next,
        agency_id: null,
        assigned_at: null,
        due_at: null,
        sla_paused_at: null,
        reminded_at: null,
        escalated_at: null,
      };
    }
    case 'accepted':
      return { ...next, first_response_at: firstResponse(row, at) };
    case 'info_requested':
      // the SLA clock stops while the city waits for the citizen
      return { ...next, sla_paused_at: at, first_response_at: firstResponse(row, at) };
    case 'citizen_replied': {
      const paused = row.sla_paused_at ? at.getTime() - row.sla_paused_at.getTime() : 0;
      return { ...next, sla_paused_at: null, due_at: row.due_at ? new Date(row.due_at.getTime() + paused) : null };
    }
    case 'resolved':
      return { ...next, resolved_at: at, first_response_at: firstResponse(row, at) };
    case 'rated': {
      const p = event.payload as EventPayloads['rated'];
      const reopened = next.state === 'reopened';
      return {
        ...next,
        rating: p.rating,
        rating_comment: p.comment,
        closed_at: reopened ? null : at,
        reopen_count: row.reopen_count + (reopened ? 1 : 0),
      };
    }
    case 'auto_closed':
      return { ...next, closed_at: at };
    case 'rejected':
      return {
        ...next,
        reject_reason: (event.payload as EventPayloads['rejected']).reason,
        closed_at: at,
        first_response_at: firstResponse(row, at),
      };
    case 'merged':
      return { ...next, merged_into_id: (event.payload as EventPayloads['merged']).into_case_id, closed_at: at };
    case 'reminded':
      return { ...next, reminded_at: at };
    case 'escalated':
      return { ...next, escalated_at: at };
    case 'supported':
      // a count, not a change anyone acts on: the version stays, so staff holding the case
      // are not sent back to reload it (409) because a citizen pressed "me too"
      return { ...next, version: row.version, supporter_count: row.supporter_count + 1 };
    case 'commented':
      // "still not fixed" reopens, as an unsatisfied rating does
      return next.state === 'reopened' && row.state !== 'reopened'
        ? { ...next, reopen_count: row.reopen_count + 1 }
        : next;
    case 'merge_received':
    case 'note':
      return next;
    default:
      throw new Error(`unknown event type ${event.type satisfies never}`);
  }
}

function startSla(row: CaseRow, agencyId: number, at: Date, dueAt: Date): CaseRow {
  return {
    ...row,
    agency_id: agencyId,
    assigned_at: at,
    due_at: dueAt,
    sla_paused_at: null,
    reminded_at: null,
    escalated_at: null,
  };
}
