// Open311 services are the city's report categories: service_code is the category code, the
// name is Vietnamese unless English is asked for, and the group is the kind of agency that
// handles it. No category has extra attributes yet, so metadata is false everywhere.
import type { Queryable } from '../../platform/db/index.js';
import type { Value } from './format.js';
import { open311NotFound } from './format.js';

interface CategoryRow {
  code: string;
  name_vi: string;
  name_en: string;
  examples_en: string;
  agency_kind: string;
}

export type Locale = 'vi' | 'en';

/** English for locale=en or en-*, Vietnamese (the city's language) otherwise. */
export function localeOf(raw: string | undefined): Locale {
  return raw && /^en(?:[-_]|$)/i.test(raw.trim()) ? 'en' : 'vi';
}

/** jurisdiction_id, when given, must be the city's pack code (e.g. hue); otherwise a 404. */
export async function assertJurisdiction(db: Queryable, jurisdictionId: string | undefined): Promise<void> {
  if (jurisdictionId === undefined || jurisdictionId === '') return;
  const { rows } = await db.query('SELECT 1 FROM city_packs WHERE lower(code) = lower($1)', [jurisdictionId]);
  if (rows.length === 0) throw open311NotFound(`There is no jurisdiction ${jurisdictionId} here`);
}

function serviceOf(row: CategoryRow, locale: Locale): { [key: string]: Value } {
  const name = locale === 'en' ? row.name_en : row.name_vi;
  return {
    service_code: row.code,
    service_name: name,
    description: row.examples_en || name,
    metadata: false,
    type: 'realtime',
    keywords: [row.code, row.agency_kind, ...row.examples_en.split(',').map((k) => k.trim())].filter(Boolean).join(','),
    group: row.agency_kind,
  };
}

export async function listServices(db: Queryable, locale: Locale): Promise<Value[]> {
  const { rows } = await db.query<CategoryRow>(
    'SELECT code, name_vi, name_en, examples_en, agency_kind FROM categories WHERE active ORDER BY sort_order, code',
  );
  return rows.map((row) => serviceOf(row, locale));
}

/** The service definition: no category has attributes yet, so the list is empty. */
export async function serviceDefinition(db: Queryable, code: string): Promise<{ [key: string]: Value }> {
  const { rows } = await db.query('SELECT 1 FROM categories WHERE code = $1 AND active', [code]);
  if (rows.length === 0) throw open311NotFound(`There is no service with the code ${code}`);
  return { service_code: code, attributes: [] };
}

/** The Vietnamese name of a service the city takes reports for, or null for an unknown code. */
export async function serviceNameOf(db: Queryable, code: string): Promise<string | null> {
  const { rows } = await db.query<{ name_vi: string }>('SELECT name_vi FROM categories WHERE code = $1 AND active', [
    code,
  ]);
  return rows[0]?.name_vi ?? null;
}
