// Appending to a case's timeline: lock the row, check the version and the transition, write
// the event, derive the new row from it, and tell the people concerned. One transaction.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { notifyCaseEvent } from '../notifications/case-events.js';
import {
  applyEvent,
  type CaseRow,
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

export async function lockCase(tx: Queryable, caseId: string): Promise<StoredCase> {
  const { rows } = await tx.query<StoredCase>('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
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
  const { rows } = await tx.query<StoredEvent>(
    `INSERT INTO case_events (case_id, type, actor_id, actor_role, public, from_state, to_state, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      caseId,
      event.type,
      actor.userId,
      actor.role,
      event.public,
      from,
      event.toState ?? null,
      JSON.stringify(event.payload),
    ],
  );
  return rows[0] as StoredEvent;
}

const SET_DERIVED = DERIVED_COLUMNS.map((column, index) => `${column} = $${index + 2}`).join(', ');

async function writeDerived(tx: Queryable, caseId: string, row: CaseRow): Promise<StoredCase> {
  const { rows } = await tx.query<StoredCase>(`UPDATE cases SET ${SET_DERIVED} WHERE id = $1 RETURNING *`, [
    caseId,
    ...DERIVED_COLUMNS.map((column) => row[column]),
  ]);
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
  return { case: updated, event: stored };
}

export interface NewCase {
  code: string;
  actor: Actor;
  payload: SubmittedPayload;
}

/** n placeholders per row, numbered from 1 across rows: ($1, $2), ($3, $4) ... */
const tuples = (rows: number, width: number) =>
  Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(', ');

/**
 * Creates cases from their submitted events, many in one statement each for the rows and
 * the events (intake commits concurrent reports together). A case whose reporter already
 * used its idempotency key is skipped: its slot in the answer is null.
 */
export async function createCases(
  tx: Queryable,
  cases: NewCase[],
): Promise<({ case: StoredCase; eventId: number } | null)[]> {
  if (cases.length === 0) return [];
  const { rows: nowRows } = await tx.query<{ now: Date }>('SELECT now() AS now');
  const at = nowRows[0]?.now as Date;
  const prepared = cases.map((item) => {
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
    return { id, item, event, row: applyEvent(null, event) };
  });
  const columns = ['id', 'code', ...DERIVED_COLUMNS, 'created_at'];
  const { rows: inserted } = await tx.query<StoredCase>(
    `INSERT INTO cases (${columns.join(', ')}) VALUES ${tuples(prepared.length, columns.length)}
     ON CONFLICT (reporter_id, idempotency_key) DO NOTHING RETURNING *`,
    prepared.flatMap(({ id, item, row }) => [id, item.code, ...DERIVED_COLUMNS.map((column) => row[column]), at]),
  );
  const byId = new Map(inserted.map((row) => [row.id, row]));
  const created = prepared.filter(({ id }) => byId.has(id));
  const eventIds = new Map<string, number>();
  if (created.length > 0) {
    const { rows: events } = await tx.query<StoredEvent<'submitted'>>(
      `INSERT INTO case_events (case_id, type, actor_id, actor_role, public, from_state, to_state, payload)
       VALUES ${tuples(created.length, 8)} RETURNING *`,
      created.flatMap(({ id, event }) => [
        id,
        'submitted',
        event.actor_id,
        event.actor_role,
        true,
        null,
        'submitted',
        JSON.stringify(event.payload),
      ]),
    );
    for (const event of events) {
      const row = byId.get(event.case_id) as StoredCase;
      await notifyCaseEvent(tx, { event, caseRow: row, previous: null });
    }
    for (const event of events) eventIds.set(event.case_id, event.id);
  }
  return prepared.map(({ id }) => {
    const row = byId.get(id);
    return row ? { case: row, eventId: eventIds.get(id) as number } : null;
  });
}

/** Replays a case's whole timeline: the row it gives must be the stored one. */
export async function replayCase(tx: Queryable, caseId: string): Promise<CaseRow | null> {
  const { rows } = await tx.query<StoredEvent>('SELECT * FROM case_events WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.reduce<CaseRow | null>((row, event) => applyEvent(row, event), null);
}
