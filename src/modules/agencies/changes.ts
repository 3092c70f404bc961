// Changes an administrator makes to the city's agencies: a new agency, or new names, kinds
// handled, areas covered, parent and active flag. Each change is one transaction with its
// audit entry. Agencies are never deleted (cases and accounts refer to them): they are
// deactivated, and routing then passes them by.
import type { Database, Queryable } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { AgencyCreate, AgencyUpdate } from '../../shared/admin.js';
import type { Agency } from '../../shared/reference-data.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import { getAgency } from './service.js';

/** The ids of the given area codes; a 400 naming every unknown one. */
async function areaIds(tx: Queryable, codes: readonly string[]): Promise<number[]> {
  const { rows } = await tx.query<{ id: number; code: string }>(
    'SELECT id, code FROM areas WHERE code = ANY($1::text[])',
    [codes],
  );
  const unknown = codes.filter((code) => !rows.some((row) => row.code === code));
  if (unknown.length > 0) {
    throw badRequest('unknown_area', `There is no area with the code ${unknown.join(', ')}`, { unknown });
  }
  return rows.map((row) => row.id);
}

async function parentId(tx: Queryable, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM agencies WHERE code = $1', [code]);
  if (!rows[0]) throw badRequest('unknown_parent', `There is no agency with the code ${code} to be the parent`);
  return rows[0].id;
}

async function replaceAreas(tx: Queryable, agencyId: number, ids: readonly number[]): Promise<void> {
  await tx.query('DELETE FROM agency_areas WHERE agency_id = $1', [agencyId]);
  await tx.query(
    'INSERT INTO agency_areas (agency_id, area_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING',
    [agencyId, ids],
  );
}

export async function createAgency(db: Database, input: AgencyCreate, context: AuditContext): Promise<Agency> {
  await db.transaction(async (tx) => {
    const parent = await parentId(tx, input.parent_code);
    const areas = await areaIds(tx, input.area_codes);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO agencies (code, name_vi, name_en, parent_id, handles, active)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [input.code, input.name_vi.trim(), input.name_en.trim(), parent, input.handles, input.active ?? true],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw conflict('agency_exists', `An agency with the code ${input.code} already exists`);
    await replaceAreas(tx, id, areas);
    await recordAudit(tx, context, {
      action: 'agency.created',
      targetType: 'agency',
      targetId: input.code,
      details: { ...input },
    });
  });
  return (await getAgency(db, input.code)) as Agency;
}

/** True when making `parent` the parent of `agencyId` would put the agency below itself. */
async function makesCycle(tx: Queryable, agencyId: number, parent: number): Promise<boolean> {
  const { rows } = await tx.query<{ found: boolean }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, 0 AS hop FROM agencies WHERE id = $2
       UNION ALL
       SELECT a.id, a.parent_id, up.hop + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.hop < 64
     )
     SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS found`,
    [agencyId, parent],
  );
  return rows[0]?.found ?? false;
}

export async function updateAgency(
  db: Database,
  code: string,
  changes: AgencyUpdate,
  context: AuditContext,
): Promise<Agency> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM agencies WHERE code = $1 FOR UPDATE', [code]);
    const id = rows[0]?.id;
    const before = await getAgency(tx, code);
    if (id === undefined || !before) throw notFound(`No agency with code ${code}`, 'agency_not_found');
    let parent: number | null | undefined;
    if (changes.parent_code !== undefined) {
      parent = await parentId(tx, changes.parent_code);
      if (parent !== null && (await makesCycle(tx, id, parent))) {
        throw badRequest('parent_cycle', `${changes.parent_code} is ${code} or below it: it cannot be its parent`);
      }
    }
    if (changes.area_codes !== undefined) await replaceAreas(tx, id, await areaIds(tx, changes.area_codes));
    await tx.query(
      `UPDATE agencies SET name_vi = coalesce($2, name_vi), name_en = coalesce($3, name_en),
              handles = coalesce($4, handles), active = coalesce($5, active),
              parent_id = CASE WHEN $6::boolean THEN $7::bigint ELSE parent_id END
        WHERE id = $1`,
      [
        id,
        changes.name_vi?.trim() ?? null,
        changes.name_en?.trim() ?? null,
        changes.handles ?? null,
        changes.active ?? null,
        parent !== undefined,
        parent ?? null,
      ],
    );
    const previous = Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof Agency] ?? null]));
    await recordAudit(tx, context, {
      action: 'agency.updated',
      targetType: 'agency',
      targetId: code,
      details: { changes, before: previous },
    });
  });
  return (await getAgency(db, code)) as Agency;
}
