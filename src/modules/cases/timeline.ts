// Appending to a case's timeline: lock the row, check the version and the transition, write
// the event, derive the new row from it, and tell the people concerned. One transaction.
import { randomUUID } from 'node:crypto';
import { prepared, type Queryable } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { notifyCaseEvent, notifyCaseEvents } from '../notifications/case-events.js';
import { insertSuggestionsSql, suggestionRows, type TriageSuggestion } from '../triage/service.js';
import { enqueueWebhookDeliveries, webhookDeliveriesSql } from '../webhooks/service.js';
import {
  applyEvent,
  type CaseRow,
  DERIVED_COLUMN_TYPES,
  DERIVED_COLUMNS,
  type EventType,
  type NewEvent,
  type StoredEvent,
  type SubmittedPayload,
} from './events.js';

export interface Actor {
  userId: string | null;
  role: string | null;
}

export const SYSTEM: Actor = { userId: null, role: 'system' };

export interface StoredCase extends CaseRow {
  id: string;
  code: string;
  updated_at: Date;
}

// Every action on a case runs these three: parsed and planned once per connection.
const LOCK_CASE = prepared('SELECT * FROM cases WHERE id = $1 FOR UPDATE');
const INSERT_EVENT = prepared(
  `INSERT INTO case_events (case_id, type, actor_id, actor_role, public, from_state, to_state, payload)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
);
const WRITE_DERIVED = prepared(
  `UPDATE cases SET ${DERIVED_COLUMNS.map((column, index) => `${column} = $${index + 2}`).join(', ')}
    WHERE id = $1 RETURNING *`,
);

export async function lockCase(tx: Queryable, caseId: string): Promise<StoredCase> {
  const { rows } = await tx.query<StoredCase>(LOCK_CASE, [caseId]);
  if (!rows[0]) throw notFound('There is no such case', 'case_not_found');
  return rows[0];
}

export function assertVersion(row: StoredCase, expected: number | undefined): void {
  if (expected !== undefined && row.version !== expected) {
    throw conflict('version_conflict', 'Someone else changed this case meanwhile; reload it and try again', {
      current_version: row.version,
      your_version: expected,
    });
  }
}

async function insertEvent(tx: Queryable, caseId: string, from: string | null, actor: Actor, event: NewEvent) {
  const { rows } = await tx.query<StoredEvent>(INSERT_EVENT, [
    caseId,
    event.type,
    actor.userId,
    actor.role,
    event.public,
    from,
    event.toState ?? null,
    JSON.stringify(event.payload),
  ]);
  return rows[0] as StoredEvent;
}

async function writeDerived(tx: Queryable, caseId: string, row: CaseRow): Promise<StoredCase> {
  const { rows } = await tx.query<StoredCase>(WRITE_DERIVED, [caseId, ...DERIVED_COLUMNS.map((column) => row[column])]);
  return rows[0] as StoredCase;
}

/** Appends one event to a locked case and returns the case as it now is. */
export async function appendEvent<T extends EventType>(
  tx: Queryable,
  current: StoredCase,
  actor: Actor,
  event: NewEvent<T>,
): Promise<{ case: StoredCase; event: StoredEvent<T> }> {
  const stored = (await insertEvent(
    tx,
    current.id,
    event.toState ? current.state : null,
    actor,
    event,
  )) as StoredEvent<T>;
  const updated = await writeDerived(tx, current.id, applyEvent(current, stored));
  await notifyCaseEvent(tx, { event: stored, caseRow: updated, previous: current });
  await enqueueWebhookDeliveries(tx, { event: stored, caseRow: updated });
  return { case: updated, event: stored };
}

export interface NewCase {
  actor: Actor;
  payload: SubmittedPayload;
  /** What triage made of the report, kept with the case. */
  suggestion?: TriageSuggestion;
}

// The columns of the submitted cases come as arrays ($1 ids, $2 payloads, $3 actors, $4 roles,
// then one per derived column), followed by the code's prefix, the city's time zone and the
// triage suggestions (jsonb). One statement writes everything a new case needs, so that a batch
// of reports costs few round trips to the database.
const CREATE_CASES = prepared(createCasesSql());

function createCasesSql(): string {
  const derivedInputs = DERIVED_COLUMNS.map((column, i) => `$${i + 5}::${DERIVED_COLUMN_TYPES[column]}[]`);
  const prefix = `$${DERIVED_COLUMNS.length + 5}`;
  const zone = `$${DERIVED_COLUMNS.length + 6}`;
  const suggestions = `$${DERIVED_COLUMNS.length + 7}`;
  return `WITH input AS (
     SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::uuid[], $4::text[], ${derivedInputs.join(', ')})
       WITH ORDINALITY AS i(id, payload, actor_id, actor_role, ${DERIVED_COLUMNS.join(', ')}, ord)
   ), numbered AS (
     SELECT input.*, nextval('case_number_seq')::text AS number FROM input ORDER BY ord
   ), inserted AS (
     INSERT INTO cases (id, code, ${DERIVED_COLUMNS.join(', ')}, created_at)
     -- at least 6 digits; past 999999 the number grows (lpad alone would cut it)
     SELECT id, ${prefix} || '-' || to_char(now() AT TIME ZONE ${zone}, 'YYMM') || '-' || lpad(number, greatest(6, length(number)), '0'),
            ${DERIVED_COLUMNS.join(', ')}, now()
       FROM numbered ORDER BY ord
     ON CONFLICT (reporter_id, idempotency_key) DO NOTHING
     RETURNING *
   ), events AS (
     INSERT INTO case_events (case_id, type, actor_id, actor_role, public, from_state, to_state, payload)
     SELECT c.id, 'submitted', i.actor_id, i.actor_role, true, NULL, 'submitted', i.payload
       FROM inserted c JOIN input i ON i.id = c.id
     RETURNING id, case_id, created_at
   ), followers AS (
     INSERT INTO case_followers (case_id, user_id, reason) SELECT id, reporter_id, 'reporter' FROM inserted WHERE reporter_id IS NOT NULL
   ), suggestions AS (
     ${insertSuggestionsSql(suggestions, 's.case_id IN (SELECT id FROM inserted)')}
   ), deliveries AS (
     ${webhookDeliveriesSql(`(SELECT e.id AS event_id, 'submitted' AS event_type, e.created_at AS event_at, c.id AS case_id,
                c.code AS case_code, c.state AS case_state, c.agency_id
           FROM inserted c JOIN events e ON e.case_id = c.id) AS e`)}
   )
   SELECT c.*, e.id AS event_id FROM inserted c JOIN events e ON e.case_id = c.id`;
}

/**
 * Creates cases from their submitted events, many at once in one statement: the rows (each
 * derived from its event by applyEvent), their events, their reporters as followers, their
 * triage suggestions, the webhook deliveries they owe, and their readable codes (prefix,
 * local year and month, number). Intake commits concurrent reports together this way. A case
 * whose reporter already used its idempotency key is skipped: its slot in the answer is null.
 */
export async function createCases(
  tx: Queryable,
  cases: NewCase[],
  code: { prefix: string; timeZone: string },
): Promise<({ case: StoredCase; eventId: number } | null)[]> {
  if (cases.length === 0) return [];
  // the stored created_at is the statement's now(); the derived columns do not depend on it
  const at = new Date();
  const made = cases.map((item) => {
    const id = randomUUID();
    const event: StoredEvent<'submitted'> = {
      id: 0,
      case_id: id,
      type: 'submitted',
      payload: item.payload,
      public: true,
      from_state: null,
      to_state: 'submitted',
      actor_id: item.actor.userId,
      actor_role: item.actor.role,
      created_at: at,
    };
    return { id, item, row: applyEvent(null, event) };
  });
  const arrays: unknown[] = [
    made.map((p) => p.id),
    made.map((p) => JSON.stringify(p.item.payload)),
    made.map((p) => p.item.actor.userId),
    made.map((p) => p.item.actor.role),
    ...DERIVED_COLUMNS.map((column) => made.map((p) => p.row[column])),
  ];
  const suggested = made.flatMap(({ id, item }) =>
    item.suggestion ? [{ caseId: id, suggestion: item.suggestion }] : [],
  );
  const { rows } = await tx.query<StoredCase & { event_id: number }>(CREATE_CASES, [
    ...arrays,
    code.prefix,
    code.timeZone,
    JSON.stringify(suggestionRows(suggested)),
  ]);
  // event_id stays on the row: copying 40 columns to leave it out would cost more than it
  const byId = new Map(rows.map((row) => [row.id, { case: row as StoredCase, eventId: row.event_id }]));
  const facts = [...byId.values()].map(({ case: row, eventId }) => ({
    event: { id: eventId, type: 'submitted' as const, public: true, actor_id: row.reporter_id, to_state: 'submitted' },
    caseRow: row,
    previous: null,
  }));
  await notifyCaseEvents(tx, facts);
  return made.map(({ id }) => byId.get(id) ?? null);
}

/** Replays a case's whole timeline: the row it gives must be the stored one. */
export async function replayCase(tx: Queryable, caseId: string): Promise<CaseRow | null> {
  const { rows } = await tx.query<StoredEvent>('SELECT * FROM case_events WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.reduce<CaseRow | null>((row, event) => applyEvent(row, event), null);
}
