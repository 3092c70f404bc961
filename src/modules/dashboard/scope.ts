// What a dashboard question covers: the date range (city days, checked), the filters turned
// from codes into ids (an unknown code is a clear 400), and for agency admins their own agency.
import type { Queryable } from '../../platform/db/index.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { DashboardEcho, DashboardQuery } from '../../shared/dashboard.js';
import { MAX_RANGE_DAYS, PUBLIC_MIN_COUNT } from '../../shared/dashboard.js';
import { isAgencyRole } from '../../shared/roles.js';
import type { ResolvedFilter } from './aggregate.js';

export interface DashboardScope {
  filter: ResolvedFilter;
  echo: DashboardEcho;
  timeZone: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const shiftDay = (day: string, days: number) =>
  new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);

/** Today's date in the city (en-CA writes dates as YYYY-MM-DD). */
export function cityToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

interface CodeIds {
  category_id: number | null;
  agency_id: number | null;
  area_ids: number[] | null;
}

async function resolveCodes(db: Queryable, query: DashboardQuery): Promise<CodeIds> {
  const { rows } = await db.query<CodeIds>(
    `WITH RECURSIVE inside AS (
       SELECT id FROM areas WHERE code = $3
       UNION ALL SELECT a.id FROM areas a JOIN inside ON a.parent_id = inside.id
     )
     SELECT (SELECT id FROM categories WHERE code = $1) AS category_id,
            (SELECT id FROM agencies WHERE code = $2) AS agency_id,
            (SELECT array_agg(id) FROM inside) AS area_ids`,
    [query.category ?? null, query.agency ?? null, query.area ?? null],
  );
  return rows[0] as CodeIds;
}

/**
 * The range and filters of a question. Agency admins see their own agency only: asking for
 * another one is a 403, asking for none means theirs.
 */
export async function resolveScope(
  db: Queryable,
  query: DashboardQuery,
  options: { timeZone: string; principal: Principal | null; publicFigures: boolean },
): Promise<DashboardScope> {
  const to = query.to ?? cityToday(options.timeZone);
  const from = query.from ?? shiftDay(to, -29);
  if (from > to) {
    throw badRequest('invalid_range', `The range starts (${from}) after it ends (${to})`, { from, to });
  }
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw badRequest('range_too_long', `A range may cover at most ${MAX_RANGE_DAYS} days; this one covers ${days}`, {
      from,
      to,
      max_days: MAX_RANGE_DAYS,
    });
  }
  let agency = query.agency;
  const principal = options.principal;
  if (principal && isAgencyRole(principal.role)) {
    if (agency !== undefined && agency !== principal.agencyCode) {
      throw forbidden('Agency staff may only see their own agency', 'other_agency');
    }
    agency = principal.agencyCode ?? undefined;
  }
  const scoped = { ...query, agency };
  const filter: ResolvedFilter = { from, to };
  if (scoped.category !== undefined || scoped.agency !== undefined || scoped.area !== undefined) {
    const ids = await resolveCodes(db, scoped);
    if (scoped.category !== undefined) {
      if (ids.category_id === null) throw unknown('category', scoped.category);
      filter.categoryId = ids.category_id;
    }
    if (scoped.agency !== undefined) {
      if (ids.agency_id === null) throw unknown('agency', scoped.agency);
      filter.agencyId = ids.agency_id;
    }
    if (scoped.area !== undefined) {
      if (!ids.area_ids?.length) throw unknown('area', scoped.area);
      filter.areaIds = ids.area_ids;
    }
  }
  if (scoped.channel !== undefined) filter.channel = scoped.channel;
  return {
    filter,
    timeZone: options.timeZone,
    echo: {
      from,
      to,
      time_zone: options.timeZone,
      category: scoped.category ?? null,
      agency: scoped.agency ?? null,
      area: scoped.area ?? null,
      channel: scoped.channel ?? null,
      suppressed_below: options.publicFigures ? PUBLIC_MIN_COUNT : null,
    },
  };
}

const unknown = (field: 'category' | 'agency' | 'area', code: string) =>
  badRequest(`unknown_${field}`, `There is no ${field} with the code ${code}`, { field, code });

export interface AreaGroup {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
}

/**
 * The areas a breakdown by area shows: the ones right below the area asked for (or below the
 * city, when the pack has a single root), each standing for itself and everything inside it.
 * The area asked for stands for the reports placed on it directly.
 */
export async function areaGroups(
  db: Queryable,
  areaCode: string | null,
): Promise<{ groups: Map<number, number>; names: Map<number, AreaGroup> }> {
  const { rows } = await db.query<AreaGroup & { parent_id: number | null }>(
    'SELECT id, code, name_vi, name_en, parent_id FROM areas',
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const roots = rows.filter((row) => row.parent_id === null);
  const top = areaCode ? rows.find((row) => row.code === areaCode) : roots.length === 1 ? roots[0] : undefined;
  const groups = new Map<number, number>();
  for (const row of rows) {
    // climb until the parent is the top (or, without one, until a root)
    let node: (typeof rows)[number] | undefined = row;
    let hops = 0;
    while (node && hops++ < 64) {
      if (top && node.id === top.id) {
        groups.set(row.id, top.id);
        break;
      }
      if (top ? node.parent_id === top.id : node.parent_id === null) {
        groups.set(row.id, node.id);
        break;
      }
      node = node.parent_id === null ? undefined : byId.get(node.parent_id);
    }
  }
  return { groups, names: byId };
}
