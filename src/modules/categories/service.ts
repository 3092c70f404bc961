// The categories a citizen files a report under, in the order the city pack lists them.
import type { Queryable } from '../../platform/db/index.js';
import type { Category } from '../../shared/reference-data.js';

const CATEGORY_SELECT = `SELECT code, name_vi, name_en, examples_en, agency_kind, sla_hours, default_priority, active,
    attributes
  FROM categories`;

export async function listCategories(db: Queryable): Promise<Category[]> {
  const { rows } = await db.query<Category>(`${CATEGORY_SELECT} ORDER BY sort_order, code`);
  return rows;
}

export async function getCategory(db: Queryable, code: string): Promise<Category | null> {
  const { rows } = await db.query<Category>(`${CATEGORY_SELECT} WHERE code = $1`, [code]);
  return rows[0] ?? null;
}
