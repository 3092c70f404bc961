// The case timers: remind the agency before the deadline, escalate when it passes, and close
// resolved cases the citizen did not rate. Each sweep claims a few cases at a time with
// SKIP LOCKED, so two servers never handle one case twice, and records the fact on the
// case's timeline (reminded_at, escalated_at, the closed state) so it never fires again.
import type { Database } from '../../platform/db/index.js';
import type { PeriodicTask } from '../../platform/jobs/periodic.js';
import type { CaseSettings } from './settings.js';
import { assertTransition } from './state-machine.js';
import { appendEvent, type StoredCase, SYSTEM } from './timeline.js';

const BATCH = 50;
const RUNNING_STATES = `('assigned', 'in_progress', 'reopened')`;

async function sweep(
  db: Database,
  claimSql: string,
  params: unknown[],
  act: (tx: Parameters<Parameters<Database['transaction']>[0]>[0], row: StoredCase) => Promise<void>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<StoredCase>(
      `${claimSql} ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      params,
    );
    for (const row of rows) await act(tx, row);
    return rows.length;
  });
}

/** Reminds the agency when the given share of the SLA time is left. */
export function remindBeforeDeadline(db: Database, settings: CaseSettings): Promise<number> {
  return sweep(
    db,
    `SELECT * FROM cases WHERE state IN ${RUNNING_STATES} AND reminded_at IS NULL AND due_at > now()
       AND due_at - now() <= (due_at - assigned_at) * $1`,
    [settings.reminderShareLeft],
    async (tx, row) => {
      await appendEvent(tx, row, SYSTEM, {
        type: 'reminded',
        public: false,
        payload: { due_at: (row.due_at as Date).toISOString() },
      });
    },
  );
}

/** Escalates to the agency admin and the operations center once the deadline passed. */
export function escalateOverdue(db: Database): Promise<number> {
  return sweep(
    db,
    `SELECT * FROM cases WHERE state IN ${RUNNING_STATES} AND escalated_at IS NULL AND due_at <= now()`,
    [],
    async (tx, row) => {
      await appendEvent(tx, row, SYSTEM, {
        type: 'escalated',
        public: false,
        payload: { due_at: (row.due_at as Date).toISOString() },
      });
    },
  );
}

/** Closes resolved cases left unrated for the configured number of days. */
export function closeUnrated(db: Database, settings: CaseSettings): Promise<number> {
  return sweep(
    db,
    `SELECT * FROM cases WHERE state = 'resolved' AND resolved_at <= now() - make_interval(days => $1)`,
    [settings.autoCloseDays],
    async (tx, row) => {
      await appendEvent(tx, row, SYSTEM, {
        type: 'auto_closed',
        public: true,
        toState: assertTransition(row.state, 'close_unrated'),
        payload: { after_days: settings.autoCloseDays },
      });
    },
  );
}

export function caseTimers(db: Database, settings: CaseSettings): PeriodicTask[] {
  return [
    { name: 'cases.remind', everySeconds: 60, run: () => remindBeforeDeadline(db, settings) },
    { name: 'cases.escalate', everySeconds: 60, run: () => escalateOverdue(db) },
    { name: 'cases.auto_close', everySeconds: 300, run: () => closeUnrated(db, settings) },
  ];
}
