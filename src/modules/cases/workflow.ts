// What staff and citizens do to a case once it exists. Each function is one step of the
// lifecycle: it checks the transition and the version, appends the event, and returns the case.
import type { Database, Queryable } from '../../platform/db/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import { OPEN_STATES } from '../../shared/cases.js';
import type { Priority } from '../../shared/reference-data.js';
import { activeAgencyId } from '../agencies/service.js';
import { recordCorrection } from '../triage/corrections.js';
import { assertCitizenReported, assertStaffMaySee } from './access.js';
import type { NewEvent } from './events.js';
import { attachMedia } from './intake.js';
import { assertTransition, type CaseAction } from './state-machine.js';
import { type Actor, appendEvent, assertVersion, lockCase, type StoredCase } from './timeline.js';

const actorOf = (principal: Principal): Actor => ({ userId: principal.userId, role: principal.role });

interface Step {
  db: Database;
  caseId: string;
  principal: Principal;
  /** The version the person saw; a different current version is a 409. */
  version?: number;
}

/** Locks the case, checks version and visibility, appends what build returns, in one transaction. */
async function step(
  { db, caseId, principal, version }: Step,
  build: (tx: Queryable, current: StoredCase) => Promise<NewEvent> | NewEvent,
  afterAppend?: (tx: Queryable, eventId: number, current: StoredCase) => Promise<void>,
): Promise<StoredCase> {
  return db.transaction(async (tx) => {
    const current = await lockCase(tx, caseId);
    if (principal.role === 'citizen') await assertCitizenReported(tx, principal.userId, caseId);
    else assertStaffMaySee(principal, current);
    assertVersion(current, version);
    const appended = await appendEvent(tx, current, actorOf(principal), await build(tx, current));
    if (afterAppend) await afterAppend(tx, appended.event.id, current);
    return appended.case;
  });
}

const transition = (current: StoredCase, action: CaseAction) => assertTransition(current.state, action);

async function categoryIdOf(tx: Queryable, code: string): Promise<{ id: number; sla_hours: number }> {
  const { rows } = await tx.query<{ id: number; sla_hours: number }>(
    'SELECT id, sla_hours FROM categories WHERE code = $1 AND active',
    [code],
  );
  if (!rows[0]) throw badRequest('unknown_category', `There is no category with the code ${code}`);
  return rows[0];
}

/** The deadline of a case assigned now: its category's SLA hours (72 h without a category). */
export async function dueAtFor(tx: Queryable, categoryId: number | null): Promise<string> {
  const { rows } = await tx.query<{ due_at: Date }>(
    `SELECT now() + make_interval(hours => coalesce((SELECT sla_hours FROM categories WHERE id = $1), 72)) AS due_at`,
    [categoryId],
  );
  const dueAt = rows[0]?.due_at;
  if (!dueAt) throw new Error('now() + interval returned nothing');
  return dueAt.toISOString();
}

export interface Categorization {
  category?: string;
  priority?: Priority;
}

/** Operator: sets category and priority; a submitted case becomes triaged. */
export function triageCase(s: Step, change: Categorization) {
  if (change.category === undefined && change.priority === undefined) {
    throw badRequest('nothing_to_change', 'Give a category, a priority, or both');
  }
  return step(s, async (tx, current) => {
    const categoryId = change.category ? (await categoryIdOf(tx, change.category)).id : current.category_id;
    const priority = change.priority ?? current.priority;
    // what staff change is what the next model learns from
    await recordCorrection(tx, {
      caseId: current.id,
      correctedBy: s.principal.userId,
      categoryId: { from: current.category_id, to: categoryId },
      priority: { from: current.priority, to: priority },
    });
    if (current.state === 'submitted') {
      return {
        type: 'triaged',
        public: true,
        toState: transition(current, 'triage'),
        payload: { category_id: categoryId, priority },
      };
    }
    return {
      type: 'categorized',
      public: false,
      payload: {
        category_id: categoryId,
        priority,
        previous_category_id: current.category_id,
        previous_priority: current.priority,
      },
    };
  });
}

/** Operator: hands the case to an agency; the SLA clock starts. */
export function assignCase(s: Step, agencyCode: string, explanation?: string) {
  return step(s, async (tx, current) => {
    const toState = transition(current, 'assign');
    const agencyId = await activeAgencyId(tx, agencyCode);
    return {
      type: 'assigned',
      public: true,
      toState,
      payload: {
        agency_id: agencyId,
        due_at: await dueAtFor(tx, current.category_id),
        ...(explanation ? { explanation } : {}),
      },
    };
  });
}

/** Agency: takes the case on (also a reopened one). */
export function acceptCase(s: Step, message?: string) {
  return step(s, (_tx, current) => ({
    type: 'accepted',
    public: true,
    toState: transition(current, 'accept'),
    payload: message ? { message } : {},
  }));
}

/** Agency: asks the citizen for more (a public message); the SLA clock pauses. */
export function requestInformation(s: Step, message: string) {
  return step(s, (_tx, current) => ({
    type: 'info_requested',
    public: true,
    toState: transition(current, 'request_info'),
    payload: { message },
  }));
}

/** Citizen: answers the request, with attachments; the case resumes. `isPublic` false: for the city only. */
export function replyToRequest(s: Step, message: string, mediaIds: string[], isPublic = true) {
  return step(
    s,
    (_tx, current) => ({
      type: 'citizen_replied',
      public: isPublic,
      toState: transition(current, 'reply'),
      payload: { message },
    }),
    (tx, eventId, current) => attachMedia(tx, current.id, eventId, s.principal.userId, mediaIds),
  );
}

/** Agency: a wrong case goes back to the operations center, or to another agency. */
export function transferCase(s: Step, reason: string, toAgencyCode: string | null) {
  return step(s, async (tx, current) => {
    if (!toAgencyCode) {
      return {
        type: 'transferred',
        public: false,
        toState: transition(current, 'transfer_to_ioc'),
        payload: { to_agency_id: null, reason, due_at: null },
      };
    }
    const agencyId = await activeAgencyId(tx, toAgencyCode);
    if (agencyId === current.agency_id) throw badRequest('same_agency', 'The case is already with this agency');
    return {
      type: 'transferred',
      public: true,
      toState: transition(current, 'transfer_to_agency'),
      payload: { to_agency_id: agencyId, reason, due_at: await dueAtFor(tx, current.category_id) },
    };
  });
}

/** Agency: done, with a public note and optional proof photos. */
export function resolveCase(s: Step, message: string, mediaIds: string[]) {
  return step(
    s,
    (_tx, current) => ({
      type: 'resolved',
      public: true,
      toState: transition(current, 'resolve'),
      payload: { message },
    }),
    (tx, eventId, current) => attachMedia(tx, current.id, eventId, s.principal.userId, mediaIds),
  );
}

/** Citizen: rates a resolved case; 1-2 or "not fixed" reopens it, otherwise it closes. */
export function rateCase(s: Step, rating: number, comment: string | null, fixed: boolean) {
  return step(s, (_tx, current) => {
    const satisfied = fixed && rating >= 3;
    return {
      type: 'rated',
      public: true,
      toState: transition(current, satisfied ? 'rate_satisfied' : 'rate_unsatisfied'),
      payload: { rating, comment, fixed },
    };
  });
}

/** Operator: refuses a case (spam, out of scope), with the reason the citizen will read. */
export function rejectCase(s: Step, reason: string) {
  return step(s, (_tx, current) => ({
    type: 'rejected',
    public: true,
    toState: transition(current, 'reject'),
    payload: { reason },
  }));
}

/** Any staff: an internal note on the timeline. */
export function addNote(s: Step, text: string) {
  return step(s, () => ({ type: 'note', public: false, payload: { text } }));
}

/**
 * Operator: a duplicate is merged into the case that survives. Its citizens follow the
 * survivor from then on; both timelines record the merge.
 */
export async function mergeCase(s: Step, intoCaseId: string): Promise<StoredCase> {
  if (intoCaseId === s.caseId) throw badRequest('merge_into_itself', 'A case cannot be merged into itself');
  return s.db.transaction(async (tx) => {
    // Lock both rows in one order, so that two opposite merges cannot deadlock.
    const [first, second] = [s.caseId, intoCaseId].sort();
    const locked = new Map([
      [first, await lockCase(tx, first as string)],
      [second, await lockCase(tx, second as string)],
    ]);
    const source = locked.get(s.caseId) as StoredCase;
    const target = locked.get(intoCaseId) as StoredCase;
    assertStaffMaySee(s.principal, source);
    assertVersion(source, s.version);
    if (!OPEN_STATES.includes(target.state)) {
      throw conflict('merge_target_closed', `The case ${target.code} is ${target.state}: merge into an open case`);
    }
    const actor = actorOf(s.principal);
    const merged = await appendEvent(tx, source, actor, {
      type: 'merged',
      public: true,
      toState: transition(source, 'merge'),
      payload: { into_case_id: target.id, into_code: target.code },
    });
    await appendEvent(tx, target, actor, {
      type: 'merge_received',
      public: false,
      payload: { from_case_id: source.id, from_code: source.code },
    });
    // those who reported the duplicate now report this one too; its supporters stay supporters
    // (made "merged" they could answer and rate someone else's report)
    await tx.query(
      `INSERT INTO case_followers (case_id, user_id, reason)
       SELECT $2, user_id, CASE WHEN reason = 'supporter' THEN 'supporter' ELSE 'merged' END
         FROM case_followers WHERE case_id = $1 ON CONFLICT DO NOTHING`,
      [source.id, target.id],
    );
    return merged.case;
  });
}
