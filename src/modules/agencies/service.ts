// The agencies that act on reports, with the kinds of report they take and the areas they cover.
import type { Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { Agency } from '../../shared/reference-data.js';

export interface AgencyFilter {
  /** Only agencies that take this agency kind (categories.agency_kind). */
  handles?: string | undefined;
  /** Only agencies whose own list of areas holds this area code. */
  area?: string | undefined;
}

const AGENCY_SELECT = `
  SELECT a.code, a.name_vi, a.name_en, p.code AS parent_code, a.handles, a.active,
    COALESCE((SELECT array_agg(ar.code ORDER BY ar.code) FROM agency_areas aa JOIN areas ar ON ar.id = aa.area_id
              WHERE aa.agency_id = a.id), '{}') AS area_codes
  FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id`;

export async function listAgencies(db: Queryable, filter: AgencyFilter = {}): Promise<Agency[]> {
  const { rows } = await db.query<Agency>(
    `${AGENCY_SELECT}
     WHERE ($1::text IS NULL OR $1 = ANY (a.handles))
       AND ($2::text IS NULL OR EXISTS (
         SELECT 1 FROM agency_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.agency_id = a.id AND ar.code = $2))
     ORDER BY a.code`,
    [filter.handles ?? null, filter.area ?? null],
  );
  return rows;
}

export async function getAgency(db: Queryable, code: string): Promise<Agency | null> {
  const { rows } = await db.query<Agency>(`${AGENCY_SELECT} WHERE a.code = $1`, [code]);
  return rows[0] ?? null;
}

/** The id of the active agency with this code; a 400 naming the code when there is none. */
export async function activeAgencyId(db: Queryable, code: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM agencies WHERE code = $1 AND active', [code]);
  if (!rows[0]) throw badRequest('unknown_agency', `There is no agency with the code ${code}`);
  return rows[0].id;
}
