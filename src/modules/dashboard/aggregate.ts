// Reading the figures: one statement adds up, per group, what the roll-up holds for the range
// (whole months, plus days at the edges), the logged changes not folded yet, and (for the
// days or combinations the roll-up does not keep) the cases themselves. Every source gives
// the same columns, so the answer does not depend on which one served a day.
import type { Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { COUNTERS, type Counter, cellSql, contributionSql, localDaySql, POINT_CELL_DEGREES } from './contribution.js';
import { type Dimension, type Grain, grainFor } from './grains.js';
import type { Histogram } from './histogram.js';

export type Interval = 'day' | 'week' | 'month';

/**
 * What the figures are split by: nothing, a dimension, areas one level down, time, or place
 * (cell: the roll-up's grid squares; point: positions to about 11 m, from the cases).
 */
export type Grouping =
  | { kind: 'none' }
  | { kind: 'category' | 'agency' | 'channel' | 'cell' | 'point' }
  | { kind: 'area'; groups: Map<number, number> }
  | { kind: 'interval'; interval: Interval };

export interface ResolvedFilter {
  /** First and last day, inclusive, YYYY-MM-DD in the city's time zone. */
  from: string;
  to: string;
  categoryId?: number;
  agencyId?: number;
  /** The area asked for and every area inside it. */
  areaIds?: number[];
  channel?: string;
}

export type Counts = Record<Counter, number>;

export interface GroupFigures extends Counts {
  key: string;
  firstResponse: Histogram;
  resolve: Histogram;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const date = new Date(`${monthStart(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
};

interface DayRange {
  from: string;
  /** Exclusive. */
  until: string;
}

/** Which source serves which days of the range. */
interface Plan {
  grain: Grain | null;
  months: DayRange | null;
  rollupDays: DayRange[];
  direct: DayRange[];
}

function neededDimensions(filter: ResolvedFilter, grouping: Grouping): Set<Dimension> {
  const needed = new Set<Dimension>();
  if (filter.categoryId !== undefined) needed.add('category');
  if (filter.agencyId !== undefined) needed.add('agency');
  if (filter.areaIds !== undefined) needed.add('area');
  if (filter.channel !== undefined) needed.add('channel');
  if (grouping.kind !== 'none' && grouping.kind !== 'interval' && grouping.kind !== 'point') needed.add(grouping.kind);
  return needed;
}

export function planQuery(
  filter: ResolvedFilter,
  grouping: Grouping,
  options: { durations: boolean; source?: 'auto' | 'cases' },
): Plan {
  const whole: DayRange = { from: filter.from, until: addDays(filter.to, 1) };
  const fromCases = options.source === 'cases' || grouping.kind === 'point';
  const grain = fromCases ? null : grainFor(neededDimensions(filter, grouping), options.durations);
  if (!grain) return { grain, months: null, rollupDays: [], direct: [whole] };
  // months serve a range's whole months, unless the answer is per day or per week
  const first = filter.from === monthStart(filter.from) ? filter.from : nextMonth(filter.from);
  const last = monthStart(whole.until);
  const monthly = !(grouping.kind === 'interval' && grouping.interval !== 'month') && first < last;
  const months = monthly ? { from: first, until: last } : null;
  const edges = months
    ? [
        { from: whole.from, until: months.from },
        { from: months.until, until: whole.until },
      ].filter((range) => range.from < range.until)
    : [whole];
  return grain.daily
    ? { grain, months, rollupDays: edges, direct: [] }
    : { grain, months, rollupDays: [], direct: edges };
}

interface Sources {
  params: Params;
  zone: string;
  filter: ResolvedFilter;
  grouping: Grouping;
}

/** The group key of a roll-up row (r) or of a row with the columns of cases (raw). */
function groupKey(s: Sources, alias: string, raw: boolean): { key: string; join: string } {
  const g = s.grouping;
  const column = (name: string) => (raw ? `coalesce(${alias}.${name}, 0)` : `${alias}.${name}`);
  switch (g.kind) {
    case 'none':
      return { key: `''`, join: '' };
    case 'category':
      return { key: `${column('category_id')}::text`, join: '' };
    case 'agency':
      return { key: `${column('agency_id')}::text`, join: '' };
    case 'channel':
      return { key: `${alias}.channel`, join: '' };
    case 'cell':
      return { key: `${raw ? cellSql(alias) : `${alias}.cell`}::text`, join: '' };
    case 'point':
      return { key: `${cellSql(alias, POINT_CELL_DEGREES)}::text`, join: '' };
    case 'area': {
      const ids = s.params.add([...g.groups.keys()]);
      const groups = s.params.add([...g.groups.values()]);
      return {
        key: `coalesce(area_group.grp, 0)::text`,
        join: `LEFT JOIN unnest(${ids}::bigint[], ${groups}::bigint[]) AS area_group (area_id, grp) ON area_group.area_id = ${column('area_id')}`,
      };
    }
    case 'interval': {
      const day = raw ? localDaySql(alias, s.zone) : `${alias}.day`;
      return { key: `date_trunc('${g.interval}', ${day}::timestamp)::date::text`, join: '' };
    }
  }
}

function filterSql(s: Sources, alias: string): string[] {
  const f = s.filter;
  const where: string[] = [];
  if (f.categoryId !== undefined) where.push(`${alias}.category_id = ${s.params.add(f.categoryId)}`);
  if (f.agencyId !== undefined) where.push(`${alias}.agency_id = ${s.params.add(f.agencyId)}`);
  if (f.areaIds !== undefined) where.push(`${alias}.area_id = ANY(${s.params.add(f.areaIds)}::bigint[])`);
  if (f.channel !== undefined) where.push(`${alias}.channel = ${s.params.add(f.channel)}`);
  return where;
}

const anyOf = (conditions: string[]) => (conditions.length ? `(${conditions.join(' OR ')})` : 'false');

function rollupPart(s: Sources, grain: Grain, span: 'd' | 'm', ranges: DayRange[]): string {
  const { key, join } = groupKey(s, 'r', false);
  const days = ranges.map((r) => `(r.day >= ${s.params.add(r.from)}::date AND r.day < ${s.params.add(r.until)}::date)`);
  const where = [`r.grain = ${grain.mask}`, `r.span = '${span}'`, anyOf(days), ...filterSql(s, 'r')];
  return `SELECT ${key} AS grp, ${COUNTERS.map((c) => `r.${c}`).join(', ')},
         r.first_response_hist AS fh, r.resolve_hist AS rh, NULL::int AS fb, NULL::int AS rb
    FROM dashboard_rollup r ${join}
   WHERE ${where.join(' AND ')}`;
}

/** Rows with the columns of cases (the log, or cases), weighted, for the given days. */
function rawPart(s: Sources, table: 'dashboard_deltas' | 'cases', ranges: DayRange[]): string {
  const alias = table === 'cases' ? 'c' : 'd';
  const { key, join } = groupKey(s, alias, true);
  const bounds = (day: string) => `(${s.params.add(day)}::date::timestamp AT TIME ZONE ${s.zone})`;
  // cases are found through their created_at index; the log is small and read whole
  const days = ranges.map(
    (r) => `(${alias}.created_at >= ${bounds(r.from)} AND ${alias}.created_at < ${bounds(r.until)})`,
  );
  const where = [`${alias}.state <> 'merged'`, anyOf(days), ...filterSql(s, alias)];
  return `SELECT grp, ${COUNTERS.join(', ')}, '{}'::bigint[] AS fh, '{}'::bigint[] AS rh,
         first_response_bucket AS fb, resolve_bucket AS rb
    FROM (SELECT ${key} AS grp, ${contributionSql(alias, table === 'cases' ? '1' : `${alias}.weight`)}
            FROM ${table} ${alias} ${join}
           WHERE ${where.join(' AND ')}) raw`;
}

interface FigureRow extends Counts {
  grp: string;
  first_response?: string | null;
  resolve?: string | null;
}

/** The figures per group for the range and filters (groups without any case left out). */
export async function aggregate(
  db: Queryable,
  input: {
    filter: ResolvedFilter;
    grouping: Grouping;
    timeZone: string;
    durations: boolean;
    /** cases: everything from the cases, ignoring the roll-up (the reference the tests compare with). */
    source?: 'auto' | 'cases';
    /** Refuse (400) a question that would read more days than this from the cases themselves. */
    maxDaysFromCases?: number;
  },
): Promise<GroupFigures[]> {
  const params = new Params();
  const s: Sources = { params, zone: params.add(input.timeZone), filter: input.filter, grouping: input.grouping };
  const plan = planQuery(input.filter, input.grouping, input);
  const directDays = plan.direct.reduce((sum, r) => sum + (Date.parse(r.until) - Date.parse(r.from)) / 86_400_000, 0);
  if (input.maxDaysFromCases !== undefined && directDays > input.maxDaysFromCases) {
    throw badRequest(
      'range_too_long_for_filters',
      `These filters together are counted from the cases themselves, for at most ${input.maxDaysFromCases} days at a time; narrow the range or use fewer filters`,
      { max_days: input.maxDaysFromCases },
    );
  }
  const parts: string[] = [];
  const covered: DayRange[] = [];
  if (plan.grain && plan.months) {
    parts.push(rollupPart(s, plan.grain, 'm', [plan.months]));
    covered.push(plan.months);
  }
  if (plan.grain && plan.rollupDays.length) {
    parts.push(rollupPart(s, plan.grain, 'd', plan.rollupDays));
    covered.push(...plan.rollupDays);
  }
  if (covered.length) parts.push(rawPart(s, 'dashboard_deltas', covered));
  if (plan.direct.length) parts.push(rawPart(s, 'cases', plan.direct));

  // A group's histograms travel as text, every part's entries one after the other (bucket *
  // 2^32 + count, see histogram.ts), and are added up here: cheaper than regrouping them by
  // bucket in the query.
  const list = (column: string) =>
    `string_agg(array_to_string(${column}, ','), ',') FILTER (WHERE cardinality(${column}) > 0)`;
  const single = (column: string) =>
    `string_agg((${column}::bigint * 4294967296 + received)::text, ',') FILTER (WHERE ${column} IS NOT NULL)`;
  const histograms = input.durations
    ? `, concat_ws(',', ${list('fh')}, ${single('fb')}) AS first_response, concat_ws(',', ${list('rh')}, ${single('rb')}) AS resolve`
    : '';
  const { rows } = await db.query<FigureRow>(
    `SELECT grp, ${COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}${histograms}
       FROM (${parts.join('\nUNION ALL\n')}) parts
      GROUP BY grp HAVING sum(received) <> 0`,
    params.values,
  );
  return rows.map((row) => ({
    key: row.grp,
    ...(Object.fromEntries(COUNTERS.map((c) => [c, row[c]])) as Counts),
    firstResponse: addUp(row.first_response),
    resolve: addUp(row.resolve),
  }));
}

/** Counts per bucket while a group's entries are added up (buckets stay far below this). */
const scratch = new Float64Array(4096);

const SHIFT = 2 ** 32;
const HALF_SHIFT = 2 ** 31;

/**
 * Adds up histogram entries (bucket * 2^32 + count, comma-separated, counts possibly negative)
 * into one histogram. Read digit by digit in one loop: a year's league brings a few hundred
 * thousand entries, a year by day a hundred thousand.
 */
export function addUp(entries: string | null | undefined): Histogram {
  const text = entries ?? '';
  const length = text.length;
  let lowest = scratch.length;
  let highest = -1;
  let value = 0;
  let negative = false;
  let digits = false;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 44;
    if (c >= 48) {
      value = value * 10 + (c - 48);
      digits = true;
    } else if (c === 44) {
      if (digits) {
        const entry = negative ? -value : value;
        const bucket = Math.floor((entry + HALF_SHIFT) / SHIFT);
        if (bucket < 0 || bucket >= scratch.length) throw new Error(`histogram bucket ${bucket} out of range`);
        scratch[bucket] = (scratch[bucket] as number) + entry - bucket * SHIFT;
        if (bucket < lowest) lowest = bucket;
        if (bucket > highest) highest = bucket;
      }
      value = 0;
      negative = false;
      digits = false;
    } else if (c === 45) {
      negative = true;
    }
  }
  const histogram: Histogram = { buckets: [], counts: [] };
  for (let bucket = lowest; bucket <= highest; bucket++) {
    const count = scratch[bucket] as number;
    if (count === 0) continue;
    scratch[bucket] = 0;
    histogram.buckets.push(bucket);
    histogram.counts.push(count);
  }
  return histogram;
}

/**
 * Open cases past their deadline, per group: it changes with the clock, not with the cases,
 * so it is read live (a partial index holds the running cases only).
 */
export async function countOverdue(
  db: Queryable,
  input: { filter: ResolvedFilter; grouping: Grouping; timeZone: string },
): Promise<Map<string, number>> {
  const params = new Params();
  const s: Sources = { params, zone: params.add(input.timeZone), filter: input.filter, grouping: input.grouping };
  const { key, join } = groupKey(s, 'c', true);
  const bounds = (day: string) => `(${params.add(day)}::date::timestamp AT TIME ZONE ${s.zone})`;
  const where = [
    `c.state IN ('assigned', 'in_progress', 'reopened')`,
    'c.due_at < now()',
    `c.created_at >= ${bounds(input.filter.from)}`,
    `c.created_at < ${bounds(addDays(input.filter.to, 1))}`,
    ...filterSql(s, 'c'),
  ];
  const { rows } = await db.query<{ grp: string; overdue: number }>(
    `SELECT ${key} AS grp, count(*)::int AS overdue FROM cases c ${join} WHERE ${where.join(' AND ')} GROUP BY 1`,
    params.values,
  );
  return new Map(rows.map((row) => [row.grp, row.overdue]));
}
