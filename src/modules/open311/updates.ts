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
import { MAX_REQUESTS, withReporters } from './requests.js';
import { EXTENDED_STATUS, INCOMING_STATUSES, updateActionOf } from './status.js';

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
 * Applies an agency system's update to one of its agency's cases: work statuses accept the
 * case, fixed/closed resolve it (accepting it first when needed), duplicate or not ours hand it
 * back to the operations center. A description that no step carries is kept as an internal note.
 * Returns the id of the last event written (the update_id).
 */
export async function postUpdate(db: Database, client: ApiClient, update: PostedUpdate): Promise<string> {
  if (!client.scopes.includes('update') || client.agency_id === null) {
    throw open311Forbidden('This api_key may not post updates: it needs the update scope and an agency');
  }
  const action = updateActionOf(update.status);
  if (!action) throw open311BadRequest(`status must be one of open, closed, ${INCOMING_STATUSES.join(', ')}`);
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
  return String(last[0]?.id ?? '');
}
