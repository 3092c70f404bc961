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

/** Creates a case from its submitted event; returns the stored case. */
export async function createCase(
  tx: Queryable,
  code: string,
  actor: Actor,
  event: NewEvent<'submitted'>,
): Promise<{ case: StoredCase; event: StoredEvent<'submitted'> }> {
  const id = randomUUID();
  const { rows: nowRows } = await tx.query<{ now: Date }>('SELECT now() AS now');
  const at = nowRows[0]?.now as Date;
  const provisional: StoredEvent<'submitted'> = {
    id: 0,
    case_id: id,
    type: 'submitted',
    payload: event.payload,
    public: event.public,
    from_state: null,
    to_state: 'submitted',
    actor_id: actor.userId,
    actor_role: actor.role,
    created_at: at,
  };
  const row = applyEvent(null, provisional);
  const columns = ['id', 'code', ...DERIVED_COLUMNS, 'created_at'];
  const values = [id, code, ...DERIVED_COLUMNS.map((column) => row[column]), at];
  const { rows } = await tx.query<StoredCase>(
    `INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
    values,
  );
  const stored = (await insertEvent(tx, id, null, actor, {
    ...event,
    toState: 'submitted',
  })) as StoredEvent<'submitted'>;
  const created = rows[0] as StoredCase;
  await notifyCaseEvent(tx, { event: stored, caseRow: created, previous: null });
  return { case: created, event: stored };
}

/** Replays a case's whole timeline: the row it gives must be the stored one. */
export async function replayCase(tx: Queryable, caseId: string): Promise<CaseRow | null> {
  const { rows } = await tx.query<StoredEvent>('SELECT * FROM case_events WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.reduce<CaseRow | null>((row, event) => applyEvent(row, event), null);
}
