// Who may see and act on a case, beyond the route's role rule: agency roles only on the
// cases their agency holds; citizens only on the cases they follow (what they see of them:
// privacy.ts).
import type { Queryable } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import { isAgencyRole } from '../../shared/roles.js';

interface Held {
  agency_id: number | null;
}

/** Staff who may not see a case get the same 404 as for a case that does not exist. */
export function assertStaffMaySee(principal: Principal, held: Held): void {
  if (isAgencyRole(principal.role) && held.agency_id !== principal.agencyId) {
    throw notFound('There is no such case', 'case_not_found');
  }
}

/** Only those who reported the problem (here or in a merged duplicate) answer and rate. */
export async function assertCitizenReported(db: Queryable, userId: string, caseId: string): Promise<void> {
  const { rows } = await db.query(
    `SELECT 1 FROM case_followers WHERE case_id = $1 AND user_id = $2 AND reason IN ('reporter', 'merged')`,
    [caseId, userId],
  );
  if (rows.length === 0) throw notFound('There is no such case', 'case_not_found');
}
