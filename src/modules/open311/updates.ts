// The service request updates extension (as FixMyStreet and open311-adapter use it): the
// public changes of state of cases, and an agency's system posting its own progress, which
// goes through the same workflow functions as the staff console.
import type { Database, Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import type { CaseState } from '../../shared/cases.js';
import type { ApiClient } from '../api-clients/service.js';
import { acceptCase, addNote, resolveCase, transferCase } from '../cases/workflow.js';
import { type ReporterIdentity, redactPersonalData } from '../triage/redaction.js';
import { open311BadRequest, open311Forbidden, open311NotFound, type Value, w3cDate } from './format.js';
import { earlierUpdate, postFrontEndUpdate, rememberUpdate } from './front-end.js';
import { type FormFields, MAX_REQUESTS, withReporters } from './requests.js';
import { EXTENDED_STATUS, INCOMING_STATUSES, type UpdateAction, updateActionOf } from './status.js';

interface UpdateRow {
  id: number;
  case_id: string;
  reporters?: ReporterIdentity[];
  code: string;
  to_state: CaseState;
  message: string | null;
  created_at: Date;
  media_id: string | null;
}

/** Public changes of state (the submission aside) in a window, oldest first, at most 1000. */
export async function listUpdates(db: Queryable, window: { start?: Date; end?: Date }): Promise<UpdateRow[]> {
  const end = window.end ?? new Date();
  const start = window.start ?? new Date(end.getTime() - 86_400_000);
  if (start > end) throw open311BadRequest('start_date must be before end_date');
  const { rows } = await db.query<UpdateRow>(
    `SELECT e.id, c.id AS case_id, c.code, e.to_state, coalesce(e.payload->>'message', e.payload->>'reason') AS message, e.created_at,
        (SELECT m.id FROM case_media cm JOIN media m ON m.id = cm.media_id
          WHERE cm.event_id = e.id AND m.public AND m.kind = 'image' ORDER BY cm.position LIMIT 1) AS media_id
       FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE e.public AND e.to_state IS NOT NULL AND e.type <> 'submitted'
        AND e.created_at >= $1 AND e.created_at <= $2
      ORDER BY e.id LIMIT ${MAX_REQUESTS}`,
    [start, end],
  );
  return withReporters(db, rows, (row) => row.case_id);
}

export function updateView(row: UpdateRow, baseUrl: string): { [key: string]: Value } {
  return {
    update_id: String(row.id),
    service_request_id: row.code,
    status: EXTENDED_STATUS[row.to_state],
    updated_datetime: w3cDate(row.created_at),
    description: row.message === null ? '' : redactPersonalData(row.message, row.reporters),
    media_url: row.media_id ? `${baseUrl}/api/v1/media/${row.media_id}/public` : null,
    external_status_code: row.to_state,
  };
}

export interface PostedUpdate {
  code: string;
  status: string;
  description: string | null;
  /** The client's own id of the update: the same one again makes nothing new. */
  updateId: string | null;
  /** Whom a front end names as the author: for staff only. */
  author: { email: string | null; first_name: string | null; last_name: string | null };
}

const optional = (fields: FormFields, name: string, max: number): string | null => {
  const value = fields[name]?.trim();
  if (!value) return null;
  if (value.length > max) throw open311BadRequest(`${name} may be at most ${max} characters`);
  return value;
};

/**
 * A POST servicerequestupdates as FixMyStreet sends it: service_request_id, status,
 * description, update_id, the citizen's first_name/last_name/email. updated_datetime and
 * media_url are accepted and not used: the time is ours (the moment it is recorded), and a
 * client's clock or time-zone habit must not get its update refused, and retried for ever.
 */
export function parseUpdate(fields: FormFields): PostedUpdate {
  const code = optional(fields, 'service_request_id', 40);
  const status = optional(fields, 'status', 40);
  if (!code) throw open311BadRequest('service_request_id is required');
  if (!status) throw open311BadRequest('status is required');
  return {
    code,
    status,
    description: optional(fields, 'description', 4000),
    updateId: optional(fields, 'update_id', 200),
    author: {
      email: optional(fields, 'email', 254),
      first_name: optional(fields, 'first_name', 100),
      last_name: optional(fields, 'last_name', 100),
    },
  };
}

/** The client's service user, acting as staff of the client's agency. */
function principalOf(client: ApiClient): Principal {
  return {
    userId: client.service_user_id,
    role: 'agency_staff',
    agencyId: client.agency_id,
    agencyCode: client.agency_code,
    sessionId: `api-client:${client.id}`,
    mustChangePassword: false,
  };
}

/**
 * A posted update: an agency's system moves its agency's cases; a city-wide front end (no
 * agency) posts its citizens' comments and reopen requests (front-end.ts). A repeated
 * update_id answers the update_id of the first time and changes nothing.
 */
export async function postUpdate(db: Database, client: ApiClient, update: PostedUpdate): Promise<string> {
  if (!client.scopes.includes('update')) {
    throw open311Forbidden('This api_key may not post updates: it needs the update scope');
  }
  if (!updateActionOf(update.status)) {
    throw open311BadRequest(`status must be one of open, closed, ${INCOMING_STATUSES.join(', ')}`);
  }
  if (update.updateId) {
    const earlier = await earlierUpdate(db, client, update.updateId);
    if (earlier) return earlier;
  }
  try {
    return client.agency_id === null
      ? await postFrontEndUpdate(db, client, update)
      : await postAgencyUpdate(db, client, update);
  } catch (error) {
    // the same update_id posted twice at once: the other one made the event
    const earlier =
      update.updateId && isUniqueViolation(error) ? await earlierUpdate(db, client, update.updateId) : null;
    if (earlier) return earlier;
    throw error;
  }
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * Applies an agency system's update to one of its agency's cases: work statuses accept the
 * case, fixed/closed resolve it (accepting it first when needed), duplicate or not ours hand it
 * back to the operations center. A description that no step carries is kept as an internal note.
 * Returns the id of the last event written (the update_id).
 */
async function postAgencyUpdate(db: Database, client: ApiClient, update: PostedUpdate): Promise<string> {
  const action = updateActionOf(update.status) as UpdateAction;
  const { rows } = await db.query<{ id: string; state: CaseState; agency_id: number | null }>(
    'SELECT id, state, agency_id FROM cases WHERE code = upper($1)',
    [update.code],
  );
  const found = rows[0];
  // another agency's case is answered like a case that does not exist
  if (!found || found.agency_id !== client.agency_id) {
    throw open311NotFound(`There is no service request ${update.code} for this agency`);
  }
  const principal = principalOf(client);
  const step = { db, caseId: found.id, principal };
  const message = update.description ?? undefined;
  let state = found.state;
  let noted = false;
  if (action === 'hand_back') {
    await transferCase(step, `${update.status.toUpperCase()}${message ? `: ${message}` : ''}`, null);
    noted = true;
  } else {
    if (state === 'assigned' || state === 'reopened') {
      state = (await acceptCase(step, action === 'work' ? message : undefined)).state;
      noted = action === 'work' && message !== undefined;
    }
    if (action === 'resolve') {
      await resolveCase(step, message ?? 'Fixed', []);
      noted = true;
    }
  }
  if (!noted && message) await addNote(step, message);
  const { rows: last } = await db.query<{ id: number }>(
    'SELECT id FROM case_events WHERE case_id = $1 AND actor_id = $2 ORDER BY id DESC LIMIT 1',
    [found.id, client.service_user_id],
  );
  const eventId = String(last[0]?.id ?? '');
  // after the steps (each its own transaction): a retry that finds it answers the same event
  if (eventId) await rememberUpdate(db, client, update, found.id, eventId);
  return eventId;
}
