// Changes an administrator makes to a report category: names, examples, the kind of agency
// that takes it, its SLA, default priority and whether citizens are offered it. A new SLA
// applies to cases assigned from then on; deadlines already running keep theirs.
import type { Database } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import type { CategoryUpdate } from '../../shared/admin.js';
import type { Category } from '../../shared/reference-data.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import { getCategory } from './service.js';

export async function updateCategory(
  db: Database,
  code: string,
  changes: CategoryUpdate,
  context: AuditContext,
): Promise<Category> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT id FROM categories WHERE code = $1 FOR UPDATE', [code]);
    const before = await getCategory(tx, code);
    if (!before) throw notFound(`No category with code ${code}`, 'category_not_found');
    if (changes.agency_kind !== undefined && changes.agency_kind !== before.agency_kind) {
      // the same rule as a city pack's: a category nobody takes would always fall to the IOC
      const { rows } = await tx.query<{ handled: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM agencies WHERE active AND $1 = ANY (handles)) AS handled',
        [changes.agency_kind],
      );
      if (!rows[0]?.handled) {
        throw badRequest('kind_not_handled', `No active agency handles the agency kind ${changes.agency_kind}`);
      }
    }
    await tx.query(
      `UPDATE categories SET name_vi = coalesce($2, name_vi), name_en = coalesce($3, name_en),
              examples_en = coalesce($4, examples_en), agency_kind = coalesce($5, agency_kind),
              sla_hours = coalesce($6, sla_hours), default_priority = coalesce($7, default_priority),
              active = coalesce($8, active)
        WHERE code = $1`,
      [
        code,
        changes.name_vi?.trim() ?? null,
        changes.name_en?.trim() ?? null,
        changes.examples_en?.trim() ?? null,
        changes.agency_kind ?? null,
        changes.sla_hours ?? null,
        changes.default_priority ?? null,
        changes.active ?? null,
      ],
    );
    const previous = Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof Category]]));
    await recordAudit(tx, context, {
      action: 'category.updated',
      targetType: 'category',
      targetId: code,
      details: { changes, before: previous },
    });
  });
  return (await getCategory(db, code)) as Category;
}
