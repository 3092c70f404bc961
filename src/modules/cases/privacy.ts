// Who may know whom on a case (docs/security.md, "Who sees the reporter"). A citizen sees a
// case fully only as its reporter; one who follows it otherwise (supported it, or had a
// duplicate merged into it) sees what the public sees. The reporter of an anonymous report is
// known to the operations center only, and each time it is shown to them the audit log says so.
import type { Queryable } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import type { ReporterIdentity } from '../triage/redaction.js';

/** How a citizen follows a case: they reported it, reported a duplicate merged into it, or support it. */
export type CitizenRelation = 'reporter' | 'merged' | 'supporter';

/** The citizen's relation to each of the cases that they follow (absent: they do not). */
export async function relationsOf(
  db: Queryable,
  userId: string,
  caseIds: string[],
): Promise<Map<string, CitizenRelation>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await db.query<{ case_id: string; reason: CitizenRelation }>(
    'SELECT case_id, reason FROM case_followers WHERE user_id = $1 AND case_id = ANY($2)',
    [userId, caseIds],
  );
  return new Map(rows.map((row) => [row.case_id, row.reason]));
}

/** The citizen's relation to a case; a case they do not follow is a 404, as one that does not exist. */
export async function citizenRelation(db: Queryable, userId: string, caseId: string): Promise<CitizenRelation> {
  const relation = (await relationsOf(db, userId, [caseId])).get(caseId);
  if (!relation) throw notFound('There is no such case', 'case_not_found');
  return relation;
}

/** The operations center: the only staff who may know the reporter of an anonymous report. */
const OPERATIONS_CENTER: readonly string[] = ['operator', 'admin'];

/**
 * Whether these staff see the reporter of the case. A named report's reporter is seen by the
 * staff who may see the case. An anonymous one's only by the operations center, and only
 * where the request says who is looking (audit): the case page and its actions, not the
 * queue. Each such disclosure is one row in the audit log.
 */
export async function staffMayKnowReporter(
  db: Queryable,
  principal: Pick<Principal, 'userId' | 'role'>,
  row: { id: string; code: string; anonymous: boolean; reporter_id: string | null },
  audit: AuditContext | null,
): Promise<boolean> {
  if (!row.anonymous) return true;
  if (!row.reporter_id || !audit || !OPERATIONS_CENTER.includes(principal.role)) return false;
  await recordAudit(db, audit, {
    action: 'case.anonymous_reporter_shown',
    targetType: 'case',
    targetId: row.id,
    details: { code: row.code },
  });
  return true;
}

interface IdentityRow {
  case_id: string;
  display_name: string | null;
  phone: string | null;
  email: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
}

/**
 * Who reported each case, to mask them in its public text: the reporting citizen, and the
 * person an Open311 client filed it for. The service user of a client (a front end, a
 * camera) is no person: its name is not looked for.
 */
export async function reporterIdentities(db: Queryable, caseIds: string[]): Promise<Map<string, ReporterIdentity[]>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await db.query<IdentityRow>(
    `SELECT c.id AS case_id, u.display_name, u.phone, u.email,
            nullif(concat_ws(' ', d.first_name, d.last_name), '') AS contact_name,
            d.phone AS contact_phone, d.email AS contact_email
       FROM cases c
       LEFT JOIN users u ON u.id = c.reporter_id
                        AND NOT EXISTS (SELECT 1 FROM api_clients a WHERE a.service_user_id = u.id)
       LEFT JOIN open311_request_details d ON d.case_id = c.id
      WHERE c.id = ANY($1)`,
    [caseIds],
  );
  const identities = new Map<string, ReporterIdentity[]>();
  for (const row of rows) {
    const found: ReporterIdentity[] = [];
    if (row.display_name || row.phone || row.email) {
      found.push({ name: row.display_name, phone: row.phone, email: row.email });
    }
    if (row.contact_name || row.contact_phone || row.contact_email) {
      found.push({ name: row.contact_name, phone: row.contact_phone, email: row.contact_email });
    }
    identities.set(row.case_id, found);
  }
  return identities;
}
