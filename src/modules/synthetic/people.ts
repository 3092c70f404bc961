// The people around synthetic cases that only some callers ask for: citizens who report often
// (the demo's own), citizens who support an open report, and existing staff who act.
import type { Queryable } from '../../platform/db/index.js';
import type { City } from './city.js';
import { isOpenAt, type PlannedEvent } from './lifecycle.js';
import type { Random } from './random.js';

const DAY = 24 * 3_600_000;

/** One of the regular reporters (ten times as often when recent), or null for an ordinary citizen. Draws nothing without regulars. */
export function regularReporter(
  random: Random,
  regulars: readonly { userId: string; share: number }[] | undefined,
  recent: boolean,
): string | null {
  if (!regulars?.length) return null;
  let draw = random.next();
  for (const regular of regulars) {
    const share = regular.share * (recent ? 10 : 1);
    if (draw < share) return regular.userId;
    draw -= share;
  }
  return null;
}

/** "I have this problem too": 1 to 6 other citizens follow the case while it is open. */
export function addSupporters(
  random: Random,
  events: PlannedEvent[],
  context: { citizens: readonly string[]; reporter: string | null; now: number },
): void {
  const start = (events[0] as PlannedEvent).at;
  const chosen = new Set<string>();
  const count = 1 + random.int(6);
  for (let i = 0; i < count; i++) {
    const userId = random.pick(context.citizens);
    const at = start + random.logNormal(DAY, 1);
    if (userId === context.reporter || chosen.has(userId) || at > context.now || !isOpenAt(events, at)) continue;
    chosen.add(userId);
    const supported: PlannedEvent = {
      type: 'supported',
      payload: { user_id: userId },
      public: false,
      fromState: null,
      toState: null,
      actor: { userId, role: 'citizen' },
      at,
    };
    const after = events.findIndex((event) => event.at > at);
    events.splice(after < 0 ? events.length : after, 0, supported);
  }
}

/** Lets existing people act on the cases: the given operators, and staff members for their agencies. */
export async function letActorsAct(
  db: Queryable,
  city: City,
  actors: { operators?: readonly string[]; agencies?: Readonly<Record<string, string>> } | undefined,
): Promise<void> {
  if (!actors) return;
  if (actors.operators?.length) {
    city.operators.push(...actors.operators.map((userId) => ({ userId, role: 'operator' })));
  }
  const codes = Object.keys(actors.agencies ?? {});
  if (codes.length === 0) return;
  const { rows } = await db.query<{ id: number; code: string; role: string; user_id: string }>(
    `SELECT a.id, a.code, u.role, u.id AS user_id FROM agencies a JOIN users u ON u.agency_id = a.id
      WHERE a.code = ANY($1) AND u.id = ANY($2)`,
    [codes, Object.values(actors.agencies ?? {})],
  );
  for (const row of rows) {
    if (actors.agencies?.[row.code] === row.user_id) city.staff.set(row.id, { userId: row.user_id, role: row.role });
  }
}

/** Makes the given agencies (by code) slower: their cases wait longer, many past their deadline. */
export async function slowDown(
  db: Queryable,
  pace: Map<number, number>,
  factors: Readonly<Record<string, number>> | undefined,
): Promise<void> {
  if (!factors || Object.keys(factors).length === 0) return;
  const { rows } = await db.query<{ id: number; code: string }>('SELECT id, code FROM agencies WHERE code = ANY($1)', [
    Object.keys(factors),
  ]);
  for (const row of rows) pace.set(row.id, (pace.get(row.id) ?? 1) * (factors[row.code] ?? 1));
}

/** Where the newest reports wait, in turn: untriaged, triaged, assigned but not yet accepted, or as far as they got. */
const BACKLOG_STAGES = ['submitted', 'triaged', 'assigned', null] as const;

/**
 * Holds the reports the operations center has not got to, each at the next stage in turn, so
 * that every early state shows in the queue however few the newest reports are (a draw could
 * leave one out). A stage a report never reached (spam rejected before assignment, a case
 * not yet assigned) passes to the next report.
 */
export function backlogHolder(): (events: PlannedEvent[]) => PlannedEvent[] {
  let turn = 0;
  return (events) => {
    const stage = BACKLOG_STAGES[turn % BACKLOG_STAGES.length] ?? null;
    if (stage === null) {
      turn += 1;
      return events;
    }
    const end = events.findIndex((event) => event.type === stage);
    if (end < 0) return events;
    turn += 1;
    return events.slice(0, end + 1);
  };
}
