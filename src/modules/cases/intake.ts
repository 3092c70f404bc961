// Intake: a citizen's report becomes a case. The location must be inside the city; a retried
// submission with the same Idempotency-Key gives back the case it already created.
import type { Database, Queryable } from '../../platform/db/index.js';
import { badRequest, unprocessable } from '../../platform/errors.js';
import type { Channel, ReportInput } from '../../shared/cases.js';
import type { Priority } from '../../shared/reference-data.js';
import { foldVietnamese } from '../../shared/text.js';
import { lookupArea } from '../areas/service.js';
import { publishMedia } from '../media/service.js';
import type { CaseSettings } from './settings.js';
import { type Actor, createCase, type StoredCase } from './timeline.js';

export interface Submission {
  input: ReportInput;
  reporter: Actor & { userId: string };
  idempotencyKey: string | null;
  /** Already stored attachments, in the order given. */
  mediaIds: string[];
}

interface CategoryRow {
  id: number;
  default_priority: Priority;
}

async function findCategory(db: Queryable, code: string | undefined): Promise<CategoryRow | null> {
  if (!code) return null;
  const { rows } = await db.query<CategoryRow>(
    'SELECT id, default_priority FROM categories WHERE code = $1 AND active',
    [code],
  );
  if (!rows[0]) throw badRequest('unknown_category', `There is no category with the code ${code}`);
  return rows[0];
}

export async function findByIdempotencyKey(db: Queryable, reporterId: string, key: string): Promise<StoredCase | null> {
  const { rows } = await db.query<StoredCase>('SELECT * FROM cases WHERE reporter_id = $1 AND idempotency_key = $2', [
    reporterId,
    key,
  ]);
  return rows[0] ?? null;
}

/** Checks what can be checked before anything is written; throws the 4xx to answer. */
export async function prepareSubmission(db: Queryable, input: ReportInput) {
  const area = await lookupArea(db, input.lat, input.lon);
  if (!area) {
    throw unprocessable('outside_city', 'This location is outside the city: reports can only be made inside it', {
      lat: input.lat,
      lon: input.lon,
    });
  }
  const category = await findCategory(db, input.category);
  return { areaId: await areaIdOf(db, area.area.code), category };
}

async function areaIdOf(db: Queryable, code: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM areas WHERE code = $1', [code]);
  return rows[0]?.id as number;
}

async function nextCaseCode(tx: Queryable, settings: CaseSettings): Promise<string> {
  const { rows } = await tx.query<{ code: string }>(
    `SELECT $1 || '-' || to_char(now() AT TIME ZONE $2, 'YYMM') || '-' || lpad(nextval('case_number_seq')::text, 6, '0') AS code`,
    [settings.codePrefix, settings.timeZone],
  );
  return rows[0]?.code as string;
}

/**
 * Creates the case (or finds the one a retry already created). Returns created: false for a
 * replay, in which case the caller discards the attachments it stored for this attempt.
 */
export async function submitReport(
  db: Database,
  submission: Submission,
  settings: CaseSettings,
): Promise<{ case: StoredCase; created: boolean }> {
  const { input, reporter, idempotencyKey } = submission;
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(db, reporter.userId, idempotencyKey);
    if (existing) return { case: existing, created: false };
  }
  const { areaId, category } = await prepareSubmission(db, input);
  const description = input.description.trim();
  if (!description) throw badRequest('empty_description', 'Say what is wrong: the description is empty');
  const title = input.title?.trim() || null;
  try {
    return await db.transaction(async (tx) => {
      const { case: created, event } = await createCase(tx, await nextCaseCode(tx, settings), reporter, {
        type: 'submitted',
        public: true,
        payload: {
          title,
          description,
          search_text: foldVietnamese([title, description, input.address].filter(Boolean).join(' ')),
          category_id: category?.id ?? null,
          priority: category?.default_priority ?? 'normal',
          lat: input.lat,
          lon: input.lon,
          address: input.address?.trim() || null,
          area_id: areaId,
          channel: (input.channel ?? 'app') satisfies Channel,
          anonymous: input.anonymous ?? false,
          reporter_id: reporter.userId,
          idempotency_key: idempotencyKey,
        },
      });
      await tx.query(`INSERT INTO case_followers (case_id, user_id, reason) VALUES ($1, $2, 'reporter')`, [
        created.id,
        reporter.userId,
      ]);
      await attachMedia(tx, created.id, event.id, reporter.userId, submission.mediaIds);
      return { case: created, created: true };
    });
  } catch (error) {
    // Two retries racing past the first check: the unique key lets one win, the other reads it.
    if (idempotencyKey && isUniqueViolation(error)) {
      const existing = await findByIdempotencyKey(db, reporter.userId, idempotencyKey);
      if (existing) return { case: existing, created: false };
    }
    throw error;
  }
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
    `SELECT m.id FROM media m WHERE m.id = ANY($1) AND m.uploaded_by = $2
        AND NOT EXISTS (SELECT 1 FROM case_media cm WHERE cm.media_id = m.id)`,
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

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
