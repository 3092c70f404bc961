// The staff queue: filters, sort orders and keyset pagination (a cursor that stays right
// while new cases arrive). Agency roles only ever see their own agency's cases.
import { type PreparedStatement, prepared, type Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import { CASE_STATES, type CaseState, type Channel } from '../../shared/cases.js';
import type { Priority } from '../../shared/reference-data.js';
import { isAgencyRole } from '../../shared/roles.js';
import { foldVietnamese } from '../../shared/text.js';
import type { ShownSuggestion } from '../triage/service.js';
import { CASE_JOINS, CASE_NAMES, type MediaRow, type ReporterRow, VIEWED_SELECT, type ViewedCase } from './views.js';

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
 * Per sort: the key expressions with the SQL type a cursor value is cast back to, and the
 * direction all keys run (the next page compares the same way). The open-case indexes of
 * migration 0015 are built on exactly these expressions.
 */
const SORTS: Record<QueueSort, { keys: [string, string][]; direction: 'ASC' | 'DESC' }> = {
  newest: {
    keys: [
      ['c.created_at', 'timestamptz'],
      ['c.id', 'uuid'],
    ],
    direction: 'DESC',
  },
  priority: {
    keys: [
      [PRIORITY_RANK, 'int'],
      ['c.created_at', 'timestamptz'],
      ['c.id', 'uuid'],
    ],
    direction: 'DESC',
  },
  due: {
    keys: [
      [DUE, 'timestamptz'],
      ['c.id', 'uuid'],
    ],
    direction: 'ASC',
  },
};

/** A case of a page with its media; for staff also its reporter and latest triage suggestion. */
export interface ListedCase extends ViewedCase {
  media: MediaRow[];
}

export interface StaffListedCase extends ListedCase {
  /** null: no reporter account (hotline, sensor), or it is gone. */
  reporter: ReporterRow | null;
  suggestion: ShownSuggestion | null;
}

export interface CasePage<Row> {
  items: Row[];
  next: string | null;
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

/** The conditions of the filter on the cases alone (alias c), their parameters added to params. */
function conditionsOf(principal: Principal | null, filter: QueueFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (principal && isAgencyRole(principal.role)) add((p) => `c.agency_id = ${p}`, principal.agencyId);
  if (filter.reporterId)
    add((p) => `c.id IN (SELECT case_id FROM case_followers WHERE user_id = ${p})`, filter.reporterId);
  if (filter.state?.length) {
    // Written out rather than passed: a plan made once for any value (a prepared statement)
    // can then still use the open-case indexes, whose condition is such a list.
    const unknown = filter.state.find((state) => !CASE_STATES.includes(state));
    if (unknown !== undefined) throw badRequest('invalid_state', `There is no case state ${unknown}`);
    where.push(`c.state IN (${filter.state.map((state) => `'${state}'`).join(', ')})`);
  }
  if (filter.priority?.length) add((p) => `c.priority = ANY(${p})`, filter.priority);
  if (filter.channel) add((p) => `c.channel = ${p}`, filter.channel);
  // codes are unique: an unknown one matches nothing
  if (filter.category) add((p) => `c.category_id = (SELECT id FROM categories WHERE code = ${p})`, filter.category);
  if (filter.agency) add((p) => `c.agency_id = (SELECT id FROM agencies WHERE code = ${p})`, filter.agency);
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
  return where;
}

// as views.ts mediaOf: a public copy only for the attachments of public events
const MEDIA_OF_CASE = `coalesce((SELECT json_agg(json_build_object('case_id', cm.case_id, 'event_id', cm.event_id,
      'id', md.id, 'kind', md.kind, 'public', md.public AND ev.public) ORDER BY cm.event_id, cm.position)
    FROM case_media cm JOIN media md ON md.id = cm.media_id JOIN case_events ev ON ev.id = cm.event_id
   WHERE cm.case_id = c.id), '[]')`;

/** What staff read besides the case: its reporter's contact and the latest triage suggestion. */
const STAFF_EXTRAS = {
  columns: `, CASE WHEN u.id IS NULL THEN NULL
      ELSE json_build_object('id', u.id, 'display_name', u.display_name, 'phone', u.phone, 'email', u.email) END AS reporter,
    (SELECT to_jsonb(s) - 'created_at' FROM triage_suggestions s WHERE s.case_id = c.id ORDER BY s.id DESC LIMIT 1) AS suggestion`,
  joins: 'LEFT JOIN users u ON u.id = c.reporter_id',
};

const preparedTexts = new Map<string, PreparedStatement>();
/** Far more than the staff's screens use; past it a page is planned afresh each time. */
const MAX_PREPARED_SHAPES = 200;

/**
 * The text of a page depends on which filters are given and never on their values, so there
 * are few of them; each is kept prepared on the connections that ran it. The number kept is
 * bounded all the same, since every one stays in every pooled connection of the server.
 */
function preparedOnce(text: string): PreparedStatement | string {
  let statement = preparedTexts.get(text);
  if (!statement) {
    if (preparedTexts.size >= MAX_PREPARED_SHAPES) return text;
    statement = prepared(text);
    preparedTexts.set(text, statement);
  }
  return statement;
}

/**
 * A page in one statement: the page's ids are found first, on the cases alone (the sort's
 * index when there is one), and only those rows are then joined to their names, media and
 * (for staff) reporter and suggestion.
 */
async function pageOf<Row extends ListedCase>(
  db: Queryable,
  principal: Principal | null,
  filter: QueueFilter,
  extras: { columns: string; joins: string } | null,
  /** Keep the statement prepared: its best plan must not hinge on the values given. */
  prepare: boolean,
): Promise<CasePage<Row>> {
  const params: unknown[] = [];
  const where = conditionsOf(principal, filter, params);
  const sort = SORTS[filter.sort];
  const expressions = sort.keys.map(([key]) => key);
  if (filter.cursor) {
    const values = decodeCursor(filter.cursor, sort.keys.length);
    const casts = sort.keys.map(([, type], i) => {
      params.push(values[i]);
      return `$${params.length}::${type}`;
    });
    const compare = sort.direction === 'DESC' ? '<' : '>';
    where.push(`(${expressions.join(', ')}) ${compare} (${casts.join(', ')})`);
  }
  // The limit is written out: a plan made for any limit assumes a large one and reads everything.
  if (!Number.isInteger(filter.limit) || filter.limit < 1) throw new Error(`invalid page size ${filter.limit}`);
  const keys = expressions.map((_, i) => `k${i}`);
  const order = (columns: string[]) => columns.map((column) => `${column} ${sort.direction}`).join(', ');
  const text = `SELECT ${VIEWED_SELECT}, ${CASE_NAMES}, json_build_array(${keys.map((k) => `p.${k}`).join(', ')}) AS sort_key,
            ${MEDIA_OF_CASE} AS media${extras?.columns ?? ''}
       FROM (SELECT c.id, ${expressions.map((expression, i) => `${expression} AS k${i}`).join(', ')} FROM cases c
              ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY ${order(expressions)} LIMIT ${filter.limit + 1}) p
       JOIN cases c ON c.id = p.id
       ${CASE_JOINS} ${extras?.joins ?? ''}
      ORDER BY ${order(keys.map((k) => `p.${k}`))}`;
  const { rows } = await db.query<Row & { sort_key: unknown[] }>(prepare ? preparedOnce(text) : text, params);
  const items = rows.slice(0, filter.limit);
  const last = rows.length > filter.limit ? items.at(-1) : undefined;
  return { items, next: last ? Buffer.from(JSON.stringify(last.sort_key)).toString('base64url') : null };
}

/** A page of cases with their media (the public map, a citizen's reports). */
export function listCases(
  db: Queryable,
  principal: Principal | null,
  filter: QueueFilter,
): Promise<CasePage<ListedCase>> {
  // The public map's box and a citizen's own cases are planned for their values each time.
  return pageOf<ListedCase>(db, principal, filter, null, false);
}

/** A page of the staff queue: agency roles only ever see their own agency's cases. */
export function listStaffCases(
  db: Queryable,
  principal: Principal,
  filter: QueueFilter,
): Promise<CasePage<StaffListedCase>> {
  // Words searched for are planned for what they are (a rare word and a common one differ).
  return pageOf<StaffListedCase>(db, principal, filter, STAFF_EXTRAS, !filter.q?.trim());
}
