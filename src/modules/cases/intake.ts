// Intake: citizens' reports become cases. The location must be inside the city; a retried
// submission with the same Idempotency-Key gives back the case it already created.
//
// Reports that arrive together are checked and written together (group commit): one query
// finds the areas of all their points, one transaction inserts all their cases and events,
// and each report is answered only after that commit. A report that fails its checks fails
// alone; if a whole batch fails to write, its reports are retried one by one.

import { type Batcher, createBatcher } from '../../platform/db/batcher.js';
import { type Database, prepared, type Queryable } from '../../platform/db/index.js';
import { badRequest, unprocessable } from '../../platform/errors.js';
import type { Channel, ReportInput } from '../../shared/cases.js';
import type { Priority } from '../../shared/reference-data.js';
import { foldVietnamese } from '../../shared/text.js';
import { lookupAreasOfPoints } from '../areas/service.js';
import { publishMedia } from '../media/service.js';
import { submissionNotifies } from '../notifications/case-events.js';
import { submissionPriority, type TriageSuggestion } from '../triage/service.js';
import { type AutoAssignment, decideAutoAssignments, readThresholds } from '../triage/thresholds.js';
import type { CaseSettings } from './settings.js';
import { assertTransition } from './state-machine.js';
import { type Actor, appendEvent, createCases, type StoredCase, SYSTEM } from './timeline.js';
import { CASE_SELECT, type CaseWithNames } from './views.js';
import { dueAtFor } from './workflow.js';

/** A report as intake takes it: the channel is set by the way in (the app's route, Open311, detections), never by the reporter. */
export type IntakeInput = Omit<ReportInput, 'channel'> & { channel?: Channel };

export interface Submission {
  input: IntakeInput;
  reporter: Actor & { userId: string };
  idempotencyKey: string | null;
  /** sha256 of the request (fields and attachments) sent with the key, kept to refuse the key's reuse for another one. */
  requestSha256?: string;
  /** Already stored attachments, in the order given. */
  mediaIds: string[];
  /** What triage made of the report's text, recorded with the case. */
  triage: TriageSuggestion;
}

export interface Submitted {
  case: CaseWithNames;
  /** false: a retry of a submission that had already created this case. */
  created: boolean;
}

export type Intake = Batcher<Submission, Submitted>;

interface CategoryRow {
  id: number;
  code: string;
  default_priority: Priority;
}

// Every batch of reports runs these: parsed and planned once per connection.
const ACTIVE_CATEGORIES = prepared('SELECT id, code, default_priority FROM categories WHERE code = ANY($1) AND active');
// one probe of the (reporter, md5(description), created_at) index per report, whatever the
// statistics of a fast-growing table say when the plan is made
const REPEATED_REPORTS = prepared(
  `SELECT i.ord FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS i(reporter_id, description, ord)
    CROSS JOIN LATERAL (
      SELECT 1 FROM cases c WHERE c.reporter_id = i.reporter_id AND md5(c.description) = md5(i.description)
                              AND c.created_at > now() - interval '1 day'
       LIMIT 1) AS earlier`,
);

/** Cases already created under these (reporter, key) pairs, keyed "reporter key". */
async function existingByKey(db: Queryable, submissions: Submission[]): Promise<Map<string, CaseWithNames>> {
  const keyed = submissions.filter((s) => s.idempotencyKey);
  if (keyed.length === 0) return new Map();
  const { rows } = await db.query<CaseWithNames>(
    `${CASE_SELECT} WHERE (c.reporter_id, c.idempotency_key) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [keyed.map((s) => s.reporter.userId), keyed.map((s) => s.idempotencyKey)],
  );
  return new Map(rows.map((row) => [`${row.reporter_id} ${row.idempotency_key}`, row]));
}

const keyOf = (s: Submission) => (s.idempotencyKey ? `${s.reporter.userId} ${s.idempotencyKey}` : null);

/**
 * A retry with the key of an earlier case: the same request replays the case; another request
 * under the same key is refused, as Stripe does, rather than answered with a case it did not make.
 */
function replayOf(found: CaseWithNames, submission: Submission): Submitted | Error {
  const kept = found.idempotency_request_sha256;
  if (kept && submission.requestSha256 && kept !== submission.requestSha256) {
    return unprocessable(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different report: send a new key for a new report',
    );
  }
  return { case: found, created: false };
}

/** Writes one batch; returns a result or an error for each submission, in order. */
async function writeBatch(
  db: Database,
  settings: CaseSettings,
  batch: Submission[],
): Promise<Array<Submitted | Error>> {
  // The reads a batch needs do not depend on each other: they go together, each on a
  // connection of its own, so the batch waits for the slowest rather than for their sum.
  const codes = [...new Set(batch.map((s) => s.input.category).filter((code): code is string => Boolean(code)))];
  const [existing, areas, categoryRows, repeated, thresholds] = await Promise.all([
    existingByKey(db, batch),
    lookupAreasOfPoints(
      db,
      batch.map((s) => s.input),
    ),
    codes.length ? db.query<CategoryRow>(ACTIVE_CATEGORIES, [codes]).then((r) => r.rows) : [],
    repeatedReports(db, batch),
    readThresholds(db),
  ]);
  const categories = new Map(categoryRows.map((row) => [row.code, row]));

  const results: Array<Submitted | Error | undefined> = batch.map((submission, index) => {
    const key = keyOf(submission);
    const found = key ? existing.get(key) : undefined;
    if (found) return replayOf(found, submission);
    const { input } = submission;
    if (!areas[index]) {
      return unprocessable('outside_city', 'This location is outside the city: reports can only be made inside it', {
        lat: input.lat,
        lon: input.lon,
      });
    }
    if (input.category && !categories.has(input.category)) {
      return badRequest('unknown_category', `There is no category with the code ${input.category}`);
    }
    if (!input.description.trim())
      return badRequest('empty_description', 'Say what is wrong: the description is empty');
    return undefined; // to be written
  });
  // the same key twice in one batch: the first writes, the second answers its case
  const seen = new Map<string, number>();
  const toWrite = batch
    .map((submission, index) => ({ submission, index }))
    .filter(({ submission, index }) => {
      if (results[index] !== undefined) return false;
      const key = keyOf(submission);
      if (!key) return true;
      if (seen.has(key)) return false;
      seen.set(key, index);
      return true;
    });

  flagRepeatedReports(toWrite.map(({ submission, index }) => ({ submission, repeated: repeated.has(index) })));
  const decisions = await decideAutoAssignments(
    db,
    toWrite.map(({ submission }) => ({
      suggestion: submission.triage,
      chosenCategory: submission.input.category ?? null,
      lat: submission.input.lat,
      lon: submission.input.lon,
    })),
    thresholds,
  );
  const newCases = toWrite.map(({ submission, index }, i) => {
    const { input } = submission;
    const title = input.title?.trim() || null;
    const description = input.description.trim();
    const category = input.category ? categories.get(input.category) : undefined;
    return {
      actor: submission.reporter,
      payload: {
        title,
        description,
        search_text: foldVietnamese([title, description, input.address].filter(Boolean).join(' ')),
        category_id: category?.id ?? null,
        // the model may only raise a report to urgent, never lower it
        priority: submissionPriority(category?.default_priority ?? 'normal', submission.triage.prediction),
        lat: input.lat,
        lon: input.lon,
        address: input.address?.trim() || null,
        area_id: areas[index]?.id ?? null,
        channel: input.channel ?? 'app',
        anonymous: input.anonymous ?? false,
        reporter_id: submission.reporter.userId,
        idempotency_key: submission.idempotencyKey,
        // checked against the category by the caller; left out of the JSON when undefined
        attributes: input.attributes,
        idempotency_request_sha256: submission.idempotencyKey ? (submission.requestSha256 ?? null) : null,
      },
      suggestion: decisions[i]?.suggestion,
    };
  });
  const code = { prefix: settings.codePrefix, timeZone: settings.timeZone };
  const write = async (tx: Queryable) => {
    const created = await createCases(tx, newCases, code);
    for (const [i, made] of created.entries()) {
      const submission = toWrite[i]?.submission as Submission;
      if (!made) continue;
      const decision = decisions[i] as (typeof decisions)[number];
      await attachMedia(tx, made.case.id, made.eventId, submission.reporter.userId, submission.mediaIds);
      if (decision.autoAssignment) {
        created[i] = { ...made, case: await assignAutomatically(tx, made.case, decision.autoAssignment) };
      }
    }
    return created;
  };
  // A batch of plain reports (no files, none assigned at once, none that tells anyone) is the
  // one statement of createCases: atomic on its own, without the round trips of BEGIN and COMMIT.
  const plain =
    toWrite.every(({ submission }) => submission.mediaIds.length === 0) &&
    decisions.every((decision) => !decision.autoAssignment) &&
    newCases.every((item) => !submissionNotifies(item.payload.priority));
  const written = plain ? await createCases(db, newCases, code) : await db.transaction(write);

  // a case assigned at intake moved on: read it back with its agency's names
  const moved = written.filter((made, i) => made && decisions[i]?.autoAssignment).map((made) => made?.case.id);
  const { rows: movedRows } = moved.length
    ? await db.query<CaseWithNames>(`${CASE_SELECT} WHERE c.id = ANY($1)`, [moved])
    : { rows: [] as CaseWithNames[] };
  const movedById = new Map(movedRows.map((row) => [row.id, row]));
  written.forEach((made, i) => {
    const { index, submission } = toWrite[i] as { index: number; submission: Submission };
    if (!made) return; // lost a race on its idempotency key: read below
    const category = submission.input.category ? categories.get(submission.input.category) : undefined;
    const named = movedById.get(made.case.id) ?? withNames(made.case, category?.code ?? null, areas[index]);
    results[index] = { case: named, created: true };
  });
  const unresolved = batch
    .map((submission, index) => ({ submission, index }))
    .filter(({ index }) => results[index] === undefined);
  if (unresolved.length > 0) {
    const now = await existingByKey(
      db,
      unresolved.map(({ submission }) => submission),
    );
    for (const { submission, index } of unresolved) {
      const found = now.get(keyOf(submission) as string);
      results[index] = found ? replayOf(found, submission) : new Error('a report was neither written nor found');
    }
  }
  return results as Array<Submitted | Error>;
}

/** The positions in the batch of reports whose reporter sent the same text within a day: one indexed query. */
async function repeatedReports(db: Queryable, batch: Submission[]): Promise<Set<number>> {
  const { rows } = await db.query<{ ord: number }>(REPEATED_REPORTS, [
    batch.map((s) => s.reporter.userId),
    batch.map((s) => s.input.description.trim()),
  ]);
  return new Set(rows.map((row) => row.ord - 1));
}

/**
 * The same text from the same person again within a day is flagged for the operator (never
 * dropped): those found in the database, and repeats inside the batch too.
 */
function flagRepeatedReports(submissions: { submission: Submission; repeated: boolean }[]): void {
  const inBatch = new Set<string>();
  for (const { submission, repeated } of submissions) {
    const key = `${submission.reporter.userId} ${submission.input.description.trim()}`;
    if (repeated || inBatch.has(key)) {
      const { abuse } = submission.triage;
      submission.triage = {
        ...submission.triage,
        abuse: { flagged: true, reasons: [...abuse.reasons, 'repeated_report'] },
      };
    }
    inBatch.add(key);
  }
}

/** Above its category's threshold, a case is triaged and assigned by the system at once. */
async function assignAutomatically(tx: Queryable, created: StoredCase, auto: AutoAssignment): Promise<StoredCase> {
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM categories WHERE code = $1', [auto.categoryCode]);
  const triaged = await appendEvent(tx, created, SYSTEM, {
    type: 'triaged',
    public: true,
    toState: assertTransition(created.state, 'triage'),
    payload: { category_id: rows[0]?.id ?? created.category_id, priority: created.priority },
  });
  const assigned = await appendEvent(tx, triaged.case, SYSTEM, {
    type: 'assigned',
    public: true,
    toState: assertTransition(triaged.case.state, 'assign'),
    payload: {
      agency_id: auto.agencyId,
      due_at: await dueAtFor(tx, triaged.case.category_id),
      explanation: auto.explanation,
    },
  });
  return assigned.case;
}

/** The names a new case is shown with, added onto its fresh row (a copy of 40 columns would cost more). */
function withNames(
  row: StoredCase,
  categoryCode: string | null,
  area: { code: string; name_vi: string; name_en: string } | null | undefined,
): CaseWithNames {
  return Object.assign(row, {
    category_code: categoryCode,
    area_code: area?.code ?? null,
    area_name_vi: area?.name_vi ?? null,
    area_name_en: area?.name_en ?? null,
    agency_code: null,
    agency_name_vi: null,
    agency_name_en: null,
    merged_into_code: null,
    overdue: false,
  });
}

export function createIntake(db: Database, settings: CaseSettings): Intake {
  return createBatcher<Submission, Submitted>(
    async (batch) => {
      try {
        return await writeBatch(db, settings, batch);
      } catch (error) {
        if (batch.length === 1) return [error instanceof Error ? error : new Error(String(error))];
        // one bad report must not sink the others: write each alone
        return Promise.all(
          batch.map((submission) =>
            writeBatch(db, settings, [submission]).then(
              ([result]) => result as Submitted | Error,
              (alone: unknown) => (alone instanceof Error ? alone : new Error(String(alone))),
            ),
          ),
        );
      }
    },
    // Two batches at once: one is written while the next forms. More made smaller batches that
    // contended for the same rows (a reporter's, the case number sequence) and cost more per
    // report on a 2-core machine (bench/intake.ts); the pool of 20 stays free for reads.
    { maxBatch: 64, maxInFlight: 2 },
  );
}

/**
 * Attaches uploads to a case event. Only the uploader's own files that no case holds yet
 * may be attached; attached photos get their public (stripped) copy published.
 */
export async function attachMedia(
  tx: Queryable,
  caseId: string,
  eventId: number,
  uploaderId: string,
  mediaIds: string[],
): Promise<void> {
  if (mediaIds.length === 0) return;
  const { rows } = await tx.query<{ id: string }>(
    // FOR KEY SHARE: the sweep of unattached uploads leaves these rows alone meanwhile
    `SELECT m.id FROM media m WHERE m.id = ANY($1) AND m.uploaded_by = $2
        AND NOT EXISTS (SELECT 1 FROM case_media cm WHERE cm.media_id = m.id) FOR KEY SHARE OF m`,
    [mediaIds, uploaderId],
  );
  if (rows.length !== new Set(mediaIds).size || rows.length !== mediaIds.length) {
    throw badRequest('invalid_media', 'Attach files you uploaded yourself, each once, that no case holds yet');
  }
  await tx.query(
    `INSERT INTO case_media (case_id, media_id, event_id, position)
     SELECT $1, media_id, $2, position - 1 FROM unnest($3::uuid[]) WITH ORDINALITY AS u(media_id, position)`,
    [caseId, eventId, mediaIds],
  );
  await publishMedia(tx, mediaIds);
}
