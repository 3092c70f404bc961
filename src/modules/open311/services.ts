// Open311 services are the city's report categories: service_code is the category code, the
// name is Vietnamese unless English is asked for, and the group is the kind of agency that
// handles it. A category with attributes (the city pack's details it asks of a report) has
// metadata true and lists them in its definition, in the same language as the names.
import type { Queryable } from '../../platform/db/index.js';
import type { CategoryAttribute } from '../../shared/reference-data.js';
import { attributesOfCategory } from '../categories/attributes.js';
import type { Value } from './format.js';
import { open311NotFound } from './format.js';

interface CategoryRow {
  code: string;
  name_vi: string;
  name_en: string;
  examples_en: string;
  agency_kind: string;
  has_attributes: boolean;
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
    metadata: row.has_attributes,
    type: 'realtime',
    keywords: [row.code, row.agency_kind, ...row.examples_en.split(',').map((k) => k.trim())].filter(Boolean).join(','),
    group: row.agency_kind,
  };
}

export async function listServices(db: Queryable, locale: Locale): Promise<Value[]> {
  const { rows } = await db.query<CategoryRow>(
    `SELECT code, name_vi, name_en, examples_en, agency_kind, jsonb_array_length(attributes) > 0 AS has_attributes
       FROM categories WHERE active ORDER BY sort_order, code`,
  );
  return rows.map((row) => serviceOf(row, locale));
}

/** One attribute as the specification lists its fields; every attribute is one the client fills in. */
function attributeView(attribute: CategoryAttribute, locale: Locale): { [key: string]: Value } {
  const en = locale === 'en';
  return {
    variable: true,
    code: attribute.code,
    datatype: attribute.datatype,
    required: attribute.required,
    datatype_description: (en ? attribute.datatype_description_en : attribute.datatype_description_vi) ?? null,
    order: attribute.order,
    description: en ? attribute.description_en : attribute.description_vi,
    values: attribute.values.map((value) => ({ key: value.key, name: en ? value.name_en : value.name_vi })),
  };
}

/** The service definition: the category's attributes in their order (an empty list when it has none). */
export async function serviceDefinition(
  db: Queryable,
  code: string,
  locale: Locale,
): Promise<{ [key: string]: Value }> {
  const attributes = await attributesOfCategory(db, code);
  if (attributes === null) throw open311NotFound(`There is no service with the code ${code}`);
  return { service_code: code, attributes: attributes.map((attribute) => attributeView(attribute, locale)) };
}

/** The Vietnamese name of a service the city takes reports for, or null for an unknown code. */
export async function serviceNameOf(db: Queryable, code: string): Promise<string | null> {
  const { rows } = await db.query<{ name_vi: string }>('SELECT name_vi FROM categories WHERE code = $1 AND active', [
    code,
  ]);
  return rows[0]?.name_vi ?? null;
}
