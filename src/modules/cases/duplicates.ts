// Duplicates as a case action sees them: the merge candidates of a case that staff may see, and
// a citizen following an open report ("I have this problem too") instead of filing it again.
// Triage finds the similar cases; this module decides who may see them and writes the case.
import type { Database, Queryable } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import { OPEN_STATES } from '../../shared/cases.js';
import { isAgencyRole } from '../../shared/roles.js';
import { findSimilarOpenCases, type SimilarCase, type SimilarQuery } from '../triage/duplicates.js';
import { triageTextOf } from '../triage/service.js';
import { assertStaffMaySee } from './access.js';
import { appendEvent, lockCase } from './timeline.js';

/**
 * Merge candidates for a case, as staff may see them: agency roles only for a case their
 * agency holds (others get the same 404 as for a missing case), and only among its cases.
 */
export async function findDuplicatesOfCase(
  db: Queryable,
  principal: Principal,
  caseId: string,
  options: Pick<SimilarQuery, 'radiusMeters' | 'days' | 'limit'> = {},
): Promise<{ case_id: string; code: string; items: SimilarCase[] }> {
  const { rows } = await db.query<{
    id: string;
    code: string;
    title: string | null;
    description: string;
    lat: number;
    lon: number;
    agency_id: number | null;
    category_code: string | null;
  }>(
    `SELECT c.id, c.code, c.title, c.description, c.lat, c.lon, c.agency_id, cat.code AS category_code
       FROM cases c LEFT JOIN categories cat ON cat.id = c.category_id WHERE c.id = $1`,
    [caseId],
  );
  const subject = rows[0];
  if (!subject) throw notFound('There is no such case', 'case_not_found');
  assertStaffMaySee(principal, subject);
  // Not categorised yet: the triage model's guesses for it stand in for its category.
  const guessed =
    subject.category_code === null
      ? (
          await db.query<{ top3: { category: string; confidence: number }[] }>(
            'SELECT top3 FROM triage_suggestions WHERE case_id = $1 ORDER BY id DESC LIMIT 1',
            [subject.id],
          )
        ).rows[0]?.top3
      : undefined;
  const items = await findSimilarOpenCases(db, {
    ...options,
    text: triageTextOf(subject.title, subject.description),
    lat: subject.lat,
    lon: subject.lon,
    categoryCode: subject.category_code,
    ...(guessed ? { categoryLikelihood: guessed } : {}),
    excludeCaseId: subject.id,
    ...(isAgencyRole(principal.role) && principal.agencyId !== null ? { agencyId: principal.agencyId } : {}),
  });
  return { case_id: subject.id, code: subject.code, items };
}

export interface Support {
  code: string;
  supporter_count: number;
  /** True when the citizen already followed the case (reported, merged in, or supported before). */
  already_following: boolean;
}

/**
 * A citizen who finds their problem already reported follows that case as a supporter instead
 * of filing a duplicate. Once per citizen: a second call changes nothing and says so. The
 * supported event leaves the case's version as it was (see applyEvent): staff holding the page
 * have nothing to reload for it.
 */
export async function supportCase(db: Database, code: string, citizenId: string): Promise<Support> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM cases WHERE code = upper($1) AND state <> 'rejected'`,
      [code],
    );
    if (!rows[0]) throw notFound('There is no such report', 'case_not_found');
    const current = await lockCase(tx, rows[0].id);
    const following = await tx.query('SELECT 1 FROM case_followers WHERE case_id = $1 AND user_id = $2', [
      current.id,
      citizenId,
    ]);
    if (following.rows.length > 0) {
      return { code: current.code, supporter_count: current.supporter_count, already_following: true };
    }
    if (!OPEN_STATES.includes(current.state)) {
      const merged = current.merged_into_id
        ? (await tx.query<{ code: string }>('SELECT code FROM cases WHERE id = $1', [current.merged_into_id])).rows[0]
        : undefined;
      throw conflict('case_not_open', `The report ${current.code} is ${current.state}: it can no longer be supported`, {
        state: current.state,
        ...(merged ? { merged_into: merged.code } : {}),
      });
    }
    await tx.query(`INSERT INTO case_followers (case_id, user_id, reason) VALUES ($1, $2, 'supporter')`, [
      current.id,
      citizenId,
    ]);
    const { case: updated } = await appendEvent(
      tx,
      current,
      { userId: citizenId, role: 'citizen' },
      { type: 'supported', public: false, payload: { user_id: citizenId } },
    );
    return { code: updated.code, supporter_count: updated.supporter_count, already_following: false };
  });
}
