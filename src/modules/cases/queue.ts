// The staff queue: filters, sort orders and keyset pagination (a cursor that stays right
// while new cases arrive). Agency roles only ever see their own agency's cases.
import type { Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { CaseState, Channel } from '../../shared/cases.js';
import type { Priority } from '../../shared/reference-data.js';
import { isAgencyRole } from '../../shared/roles.js';
import { foldVietnamese } from '../../shared/text.js';
import { CASE_SELECT, type CaseWithNames } from './views.js';

export const QUEUE_SORTS = ['newest', 'priority', 'due'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export interface QueueFilter {
  state?: CaseState[];
  category?: string;
  area?: string;
  agency?: string;
  priority?: Priority[];
  channel?: Channel;
  overdue?: boolean;
  q?: string;
  reporterId?: string;
  /** minLon, minLat, maxLon, maxLat */
  bbox?: [number, number, number, number];
  createdFrom?: string;
  createdTo?: string;
  /** The public map: no rejected cases (spam, out of scope). */
  publicOnly?: boolean;
  sort: QueueSort;
  cursor?: string;
  limit: number;
}

const PRIORITY_RANK = `CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END`;
const DUE = `coalesce(c.due_at, 'infinity'::timestamptz)`;

/**
 * Per sort: the key expressions with the SQL type a cursor value is cast back to, their
 * order, and how the next page compares (all keys run the same direction).
 */
const SORTS: Record<QueueSort, { keys: [string, string][]; order: string; compare: '<' | '>' }> = {
  newest: {
    keys: [
      ['c.created_at', 'timestamptz'],
      ['c.id', 'uuid'],
    ],
    order: 'c.created_at DESC, c.id DESC',
    compare: '<',
  },
  priority: {
    keys: [
      [PRIORITY_RANK, 'int'],
      ['c.created_at', 'timestamptz'],
      ['c.id', 'uuid'],
    ],
    order: `${PRIORITY_RANK} DESC, c.created_at DESC, c.id DESC`,
    compare: '<',
  },
  due: {
    keys: [
      [DUE, 'timestamptz'],
      ['c.id', 'uuid'],
    ],
    order: `${DUE} ASC, c.id ASC`,
    compare: '>',
  },
};

interface KeyedRow extends CaseWithNames {
  sort_key: unknown[];
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through to the 400
  }
  throw badRequest('invalid_cursor', 'This cursor is not one this list gave out');
}

export async function listCases(
  db: Queryable,
  principal: Principal | null,
  filter: QueueFilter,
): Promise<{ items: CaseWithNames[]; next: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (principal && isAgencyRole(principal.role)) add((p) => `c.agency_id = ${p}`, principal.agencyId);
  if (filter.reporterId)
    add((p) => `c.id IN (SELECT case_id FROM case_followers WHERE user_id = ${p})`, filter.reporterId);
  if (filter.state?.length) add((p) => `c.state = ANY(${p})`, filter.state);
  if (filter.priority?.length) add((p) => `c.priority = ANY(${p})`, filter.priority);
  if (filter.channel) add((p) => `c.channel = ${p}`, filter.channel);
  if (filter.category) add((p) => `cat.code = ${p}`, filter.category);
  if (filter.agency) add((p) => `ag.code = ${p}`, filter.agency);
  if (filter.area) {
    // an area means the area and everything under it
    add(
      (p) => `c.area_id IN (WITH RECURSIVE sub AS (SELECT id FROM areas WHERE code = ${p}
        UNION ALL SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id) SELECT id FROM sub)`,
      filter.area,
    );
  }
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox;
    params.push(minLon, minLat, maxLon, maxLat);
    const n = params.length;
    // the GiST index on point(lon, lat) answers the box
    where.push(`point(c.lon, c.lat) <@ box(point($${n - 3}, $${n - 2}), point($${n - 1}, $${n}))`);
  }
  if (filter.createdFrom) add((p) => `c.created_at >= ${p}::timestamptz`, filter.createdFrom);
  if (filter.createdTo) add((p) => `c.created_at < ${p}::timestamptz`, filter.createdTo);
  if (filter.publicOnly) where.push(`c.state <> 'rejected'`);
  if (filter.overdue !== undefined) {
    where.push(
      `${filter.overdue ? '' : 'NOT '}coalesce(c.due_at < now() AND c.state IN ('assigned', 'in_progress', 'reopened'), false)`,
    );
  }
  if (filter.q?.trim()) {
    const folded = foldVietnamese(filter.q);
    // the code matches exactly; words match inside the folded text (a trigram index serves it)
    add(
      (p) => `(c.code = upper(${p}) OR c.search_text LIKE '%' || ${p} || '%')`,
      folded.replace(/[%_\\]/g, (m) => `\\${m}`),
    );
  }
  const sort = SORTS[filter.sort];
  if (filter.cursor) {
    const values = decodeCursor(filter.cursor, sort.keys.length);
    const casts = sort.keys.map(([, type], i) => {
      params.push(values[i]);
      return `$${params.length}::${type}`;
    });
    where.push(`(${sort.keys.map(([key]) => key).join(', ')}) ${sort.compare} (${casts.join(', ')})`);
  }
  params.push(filter.limit + 1);
  const { rows } = await db.query<KeyedRow>(
    `${CASE_SELECT.replace('SELECT c.*,', `SELECT c.*, json_build_array(${sort.keys.map(([key]) => key).join(', ')}) AS sort_key,`)}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${sort.order} LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, filter.limit);
  const last = rows.length > filter.limit ? items.at(-1) : undefined;
  return { items, next: last ? Buffer.from(JSON.stringify(last.sort_key)).toString('base64url') : null };
}
