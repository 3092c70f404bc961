// Routing overrides: the city's own exceptions to the routing rule, one per category and
// area (routing reads them in service.ts). Administrators list, set, change and remove them;
// each change is audited.
import type { Database, Queryable } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { RoutingOverride, RoutingOverrideCreate, RoutingOverrideUpdate } from '../../shared/admin.js';
import { type AuditContext, recordAudit } from '../audit/service.js';

interface OverrideRow {
  id: number;
  category: { code: string; name_vi: string; name_en: string };
  area: { code: string; name_vi: string; name_en: string };
  agency: { code: string; name_vi: string; name_en: string; active: boolean };
  note: string;
  created_at: Date;
  updated_at: Date;
}

const OVERRIDE_SELECT = `
  SELECT o.id, o.note, o.created_at, o.updated_at,
         jsonb_build_object('code', c.code, 'name_vi', c.name_vi, 'name_en', c.name_en) AS category,
         jsonb_build_object('code', ar.code, 'name_vi', ar.name_vi, 'name_en', ar.name_en) AS area,
         jsonb_build_object('code', ag.code, 'name_vi', ag.name_vi, 'name_en', ag.name_en, 'active', ag.active) AS agency
    FROM routing_overrides o
    JOIN categories c ON c.id = o.category_id
    JOIN areas ar ON ar.id = o.area_id
    JOIN agencies ag ON ag.id = o.agency_id`;

const view = (row: OverrideRow): RoutingOverride => ({
  ...row,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

export interface OverrideFilter {
  category?: string | undefined;
  area?: string | undefined;
  agency?: string | undefined;
}

/** In the order of the categories, then from the widest area to the narrowest. */
export async function listOverrides(db: Queryable, filter: OverrideFilter = {}): Promise<RoutingOverride[]> {
  const { rows } = await db.query<OverrideRow>(
    `${OVERRIDE_SELECT}
      WHERE ($1::text IS NULL OR c.code = $1) AND ($2::text IS NULL OR ar.code = $2) AND ($3::text IS NULL OR ag.code = $3)
      ORDER BY c.sort_order, c.code, ar.depth, ar.code`,
    [filter.category ?? null, filter.area ?? null, filter.agency ?? null],
  );
  return rows.map(view);
}

async function getOverride(db: Queryable, id: number): Promise<RoutingOverride> {
  const { rows } = await db.query<OverrideRow>(`${OVERRIDE_SELECT} WHERE o.id = $1`, [id]);
  if (!rows[0]) throw notFound('There is no such routing override', 'routing_override_not_found');
  return view(rows[0]);
}

async function idOf(tx: Queryable, table: 'categories' | 'areas', code: string, error: string): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(`SELECT id FROM ${table} WHERE code = $1`, [code]);
  if (!rows[0]) throw badRequest(error, `There is no ${table === 'areas' ? 'area' : 'category'} with the code ${code}`);
  return rows[0].id;
}

/** An override to an inactive agency would never be used: routing passes inactive agencies by. */
async function activeAgency(tx: Queryable, code: string): Promise<number> {
  const { rows } = await tx.query<{ id: number; active: boolean }>('SELECT id, active FROM agencies WHERE code = $1', [
    code,
  ]);
  if (!rows[0]) throw badRequest('unknown_agency', `There is no agency with the code ${code}`);
  if (!rows[0].active) throw badRequest('agency_inactive', `The agency ${code} is not active`);
  return rows[0].id;
}

export async function createOverride(
  db: Database,
  input: RoutingOverrideCreate,
  context: AuditContext,
): Promise<RoutingOverride> {
  const id = await db.transaction(async (tx) => {
    const categoryId = await idOf(tx, 'categories', input.category, 'unknown_category');
    const areaId = await idOf(tx, 'areas', input.area, 'unknown_area');
    const agencyId = await activeAgency(tx, input.agency);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO routing_overrides (category_id, area_id, agency_id, note, created_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (category_id, area_id) DO NOTHING RETURNING id`,
      [categoryId, areaId, agencyId, input.note?.trim() ?? '', context.actor?.userId ?? null],
    );
    if (!rows[0]) {
      throw conflict(
        'routing_override_exists',
        `There is already an override for ${input.category} in ${input.area}: change that one`,
      );
    }
    await recordAudit(tx, context, {
      action: 'routing_override.created',
      targetType: 'routing_override',
      targetId: String(rows[0].id),
      details: { category: input.category, area: input.area, agency: input.agency, note: input.note ?? '' },
    });
    return rows[0].id;
  });
  return getOverride(db, id);
}

export async function updateOverride(
  db: Database,
  id: number,
  changes: RoutingOverrideUpdate,
  context: AuditContext,
): Promise<RoutingOverride> {
  await db.transaction(async (tx) => {
    const before = await getOverride(tx, id);
    const agencyId = changes.agency === undefined ? null : await activeAgency(tx, changes.agency);
    await tx.query(
      'UPDATE routing_overrides SET agency_id = coalesce($2, agency_id), note = coalesce($3, note) WHERE id = $1',
      [id, agencyId, changes.note?.trim() ?? null],
    );
    await recordAudit(tx, context, {
      action: 'routing_override.updated',
      targetType: 'routing_override',
      targetId: String(id),
      details: {
        category: before.category.code,
        area: before.area.code,
        changes,
        before: { agency: before.agency.code, note: before.note },
      },
    });
  });
  return getOverride(db, id);
}

export async function deleteOverride(db: Database, id: number, context: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getOverride(tx, id);
    await tx.query('DELETE FROM routing_overrides WHERE id = $1', [id]);
    await recordAudit(tx, context, {
      action: 'routing_override.deleted',
      targetType: 'routing_override',
      targetId: String(id),
      details: { category: before.category.code, area: before.area.code, agency: before.agency.code },
    });
  });
}
