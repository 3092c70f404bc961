// Updates from a city-wide front end (FixMyStreet and the like: an API client with the update
// scope and no agency). What its citizens write becomes a public comment on the case's
// timeline, and "still not fixed" (status OPEN) reopens a resolved case, as an unsatisfied
// rating does in the app. The person it names is kept for staff, never shown publicly.
import type { Database, Queryable } from '../../platform/db/index.js';
import type { ApiClient } from '../api-clients/service.js';
import { assertTransition, TRANSITIONS } from '../cases/state-machine.js';
import { appendEvent, lockCase } from '../cases/timeline.js';
import { open311BadRequest, open311NotFound } from './format.js';
import type { PostedUpdate } from './updates.js';

/** Remembers the client's update_id with the event it made, in the event's transaction. */
export async function rememberUpdate(
  tx: Queryable,
  client: ApiClient,
  update: PostedUpdate,
  caseId: string,
  eventId: string,
): Promise<void> {
  if (!update.updateId) return;
  await tx.query(
    `INSERT INTO open311_updates (api_client_id, client_update_id, case_id, event_id, email, first_name, last_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      client.id,
      update.updateId,
      caseId,
      eventId,
      update.author.email,
      update.author.first_name,
      update.author.last_name,
    ],
  );
}

/** The event a client's earlier update with this update_id made, if any. */
export async function earlierUpdate(db: Queryable, client: ApiClient, updateId: string): Promise<string | null> {
  const { rows } = await db.query<{ event_id: string }>(
    'SELECT event_id::text FROM open311_updates WHERE api_client_id = $1 AND client_update_id = $2',
    [client.id, updateId],
  );
  return rows[0]?.event_id ?? null;
}

/**
 * A front end's update of any case: a comment (public, shown redacted like all public text),
 * which reopens the case when the status is OPEN and the case is resolved. Other statuses
 * (CLOSED: the citizen says it is fixed) change nothing but the comment: the city closes its
 * cases itself. Returns the event's id, the update_id of the answer.
 */
export async function postFrontEndUpdate(db: Database, client: ApiClient, update: PostedUpdate): Promise<string> {
  // FixMyStreet sends OPEN (REOPEN with its mark_reopen option) when its citizen says "still not fixed"
  const asksReopen = ['OPEN', 'REOPEN'].includes(update.status.trim().toUpperCase());
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM cases WHERE code = upper($1)', [update.code]);
    const found = rows[0];
    if (!found) throw open311NotFound(`There is no service request ${update.code}`);
    const current = await lockCase(tx, found.id);
    const reopen = asksReopen && TRANSITIONS.reopen.from.includes(current.state);
    if (!reopen && !update.description) {
      throw open311BadRequest('description is required: an update of a front end is its citizen’s comment');
    }
    const { event } = await appendEvent(
      tx,
      current,
      // the front end's service user speaks for its citizen: the public sees a citizen's comment
      { userId: client.service_user_id, role: 'citizen' },
      {
        type: 'commented',
        public: true,
        payload: { message: update.description },
        ...(reopen ? { toState: assertTransition(current.state, 'reopen') } : {}),
      },
    );
    await rememberUpdate(tx, client, update, current.id, String(event.id));
    return String(event.id);
  });
}
