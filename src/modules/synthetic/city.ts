// The city synthetic reports are made in: the pack's categories and areas (with points inside
// them), where routing sends each category in each area, the staff who act and the citizens
// who report (their texts are written by texts.ts).
import type { Database, Queryable } from '../../platform/db/index.js';
import type { Priority } from '../../shared/reference-data.js';
import type { Actor } from '../cases/timeline.js';
import { IOC_CODE, IOC_KIND } from '../routing/service.js';
import { loadPlaces, type Place } from './places.js';
import type { Random } from './random.js';

export interface Category {
  id: number;
  code: string;
  sla_hours: number;
  default_priority: Priority;
}

export interface City {
  categories: Category[];
  places: Place[];
  /** The agency routing picks, per category id and area id. */
  routes: Map<string, number>;
  agencies: number[];
  operators: Actor[];
  staff: Map<number, Actor>;
  citizens: string[];
}

/** Staff who act on synthetic cases: a few operators and one person per agency (no password: no sign-in). */
async function ensureStaff(db: Queryable): Promise<{ operators: Actor[]; staff: Map<number, Actor> }> {
  await db.query(
    `INSERT INTO users (role, email, display_name)
     SELECT 'operator', 'synthetic-operator-' || i || '@citypulse.example', 'Điều hành viên ' || i FROM generate_series(1, 4) i
     ON CONFLICT (email) DO NOTHING`,
  );
  await db.query(
    `INSERT INTO users (role, email, display_name, agency_id)
     SELECT 'agency_staff', 'synthetic-' || code || '@citypulse.example', 'Cán bộ ' || name_vi, id FROM agencies
     ON CONFLICT (email) DO NOTHING`,
  );
  const { rows } = await db.query<{ id: string; role: string; agency_id: number | null }>(
    `SELECT id, role, agency_id FROM users WHERE email LIKE 'synthetic-%@citypulse.example' ORDER BY email`,
  );
  return {
    operators: rows.filter((r) => r.role === 'operator').map((r) => ({ userId: r.id, role: 'operator' })),
    staff: new Map(
      rows
        .filter((r) => r.agency_id !== null)
        .map((r) => [r.agency_id as number, { userId: r.id, role: 'agency_staff' }] as const),
    ),
  };
}

/** Citizens who report (phone numbers in a range no real subscriber has here: +84 70 0xx xx xx). */
async function ensureCitizens(db: Queryable, count: number): Promise<string[]> {
  await db.query(
    `INSERT INTO users (role, phone, display_name)
     SELECT 'citizen', '+84700' || lpad(i::text, 6, '0'), 'Người dân ' || i FROM generate_series(1, $1) i
     ON CONFLICT (phone) DO NOTHING`,
    [count],
  );
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE phone LIKE '+84700%' AND role = 'citizen' ORDER BY phone LIMIT $1`,
    [count],
  );
  return rows.map((r) => r.id);
}

/**
 * The agency routing picks for each category in each area, all at once: routing's rule
 * (routing/service.ts) over every pair, where routing itself answers one report at a time.
 * Among active agencies handling the category's kind, the one covering the area most
 * narrowly, then by code; without one, the operations center.
 */
export async function routingTable(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ category_id: number; area_id: number; agency_id: number | null }>(
    `WITH RECURSIVE chain AS (
       SELECT a.id AS leaf, a.id, a.parent_id, a.depth, 0 AS hop FROM areas a
       UNION ALL
       SELECT chain.leaf, p.id, p.parent_id, p.depth, chain.hop + 1 FROM chain JOIN areas p ON p.id = chain.parent_id WHERE chain.hop < 64
     ), ioc AS (
       SELECT id FROM agencies WHERE active AND ($1 = ANY (handles) OR code = $2) ORDER BY ($1 = ANY (handles)) DESC, code LIMIT 1
     )
     SELECT cat.id AS category_id, leaf.id AS area_id,
            coalesce((SELECT ag.id FROM chain
                        JOIN agency_areas aa ON aa.area_id = chain.id
                        JOIN agencies ag ON ag.id = aa.agency_id
                       WHERE chain.leaf = leaf.id AND ag.active AND cat.agency_kind = ANY (ag.handles)
                       ORDER BY chain.depth DESC, ag.code LIMIT 1), (SELECT id FROM ioc)) AS agency_id
       FROM categories cat CROSS JOIN areas leaf`,
    [IOC_KIND, IOC_CODE],
  );
  return new Map(
    rows
      .filter((row) => row.agency_id !== null)
      .map((row) => [`${row.category_id}:${row.area_id}`, row.agency_id as number]),
  );
}

export async function loadCity(db: Database, random: Random, cases: number): Promise<City> {
  const { rows: categories } = await db.query<Category>(
    'SELECT id, code, sla_hours, default_priority FROM categories WHERE active ORDER BY sort_order, code',
  );
  const places = await loadPlaces(db, random);
  if (categories.length === 0 || places.length === 0) {
    throw new Error('The database has no city pack: import one first (npm run cli -- pack:import packs/hue)');
  }
  const routes = await routingTable(db);
  const { rows: agencies } = await db.query<{ id: number }>('SELECT id FROM agencies WHERE active ORDER BY id');
  const { operators, staff } = await ensureStaff(db);
  const citizens = await ensureCitizens(db, Math.min(200_000, Math.max(20, Math.ceil(cases / 6))));
  return {
    categories,
    places,
    routes,
    agencies: agencies.map((a) => a.id),
    operators,
    staff,
    citizens,
  };
}
