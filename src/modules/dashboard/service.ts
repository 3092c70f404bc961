// The dashboard's answers: the summary, breakdowns, the time series, the heat map and the
// agency league, for staff or for the public, from the roll-up (see aggregate.ts).
import { cellToLatLng, latLngToCell } from 'h3-js';
import type { Database } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { Channel } from '../../shared/cases.js';
import {
  type Breakdown,
  type BreakdownAnswer,
  type BreakdownRow,
  CHANNEL_NAMES,
  type HeatmapAnswer,
  type HeatmapCell,
  LEAGUE_MIN_RESOLVED,
  type LeagueAnswer,
  type LeagueRow,
  NONE_NAMES,
  PUBLIC_MAX_DAYS_FROM_CASES,
  PUBLIC_MIN_CELL_COUNT,
  type SeriesAnswer,
  type SeriesInterval,
  type SeriesPoint,
  type SummaryAnswer,
} from '../../shared/dashboard.js';
import { aggregate, countOverdue, type Grouping } from './aggregate.js';
import { cellCenter, POINT_CELL_DEGREES, ROLLUP_CELL_DEGREES } from './contribution.js';
import { type Audience, EMPTY_FIGURES, toMeasures } from './measures.js';
import { areaGroups, type DashboardScope, shiftDay } from './scope.js';

interface Question {
  db: Database;
  scope: DashboardScope;
  audience: Audience;
}

/** The figures per group, with the overdue counts staff see. */
async function figures(
  q: Question,
  grouping: Grouping,
  options = { durations: true, overdue: q.audience === 'staff' },
) {
  const input = { filter: q.scope.filter, grouping, timeZone: q.scope.timeZone };
  // anyone may ask the public dashboard: what the roll-up does not keep is read from the
  // cases for a quarter at most, so that no question makes the server read years of cases
  const maxDaysFromCases = q.audience === 'public' ? PUBLIC_MAX_DAYS_FROM_CASES : undefined;
  const [groups, overdue] = await Promise.all([
    aggregate(q.db, { ...input, durations: options.durations, maxDaysFromCases }),
    options.overdue ? countOverdue(q.db, input) : Promise.resolve(new Map<string, number>()),
  ]);
  return { groups, overdue };
}

export async function dashboardSummary(q: Question): Promise<SummaryAnswer> {
  const { groups, overdue } = await figures(q, { kind: 'none' });
  return {
    query: q.scope.echo,
    measures: toMeasures(groups[0] ?? EMPTY_FIGURES(''), q.audience, overdue.get('')),
  };
}

interface Named {
  code: string;
  name_vi: string;
  name_en: string;
}

async function namesById(db: Database, table: 'categories' | 'agencies'): Promise<Map<string, Named>> {
  const { rows } = await db.query<Named & { id: number }>(`SELECT id, code, name_vi, name_en FROM ${table}`);
  return new Map(rows.map((row) => [String(row.id), row]));
}

export async function dashboardBreakdown(q: Question, by: Breakdown): Promise<BreakdownAnswer> {
  let grouping: Grouping;
  let nameOf: (key: string) => Named | null;
  if (by === 'area') {
    const { groups, names } = await areaGroups(q.db, q.scope.echo.area);
    grouping = { kind: 'area', groups };
    nameOf = (key) => names.get(Number(key)) ?? null;
  } else if (by === 'channel') {
    grouping = { kind: 'channel' };
    nameOf = (key) => {
      const names = CHANNEL_NAMES[key as Channel];
      return names ? { code: key, name_vi: names.vi, name_en: names.en } : null;
    };
  } else {
    grouping = { kind: by };
    const names = await namesById(q.db, by === 'category' ? 'categories' : 'agencies');
    nameOf = (key) => names.get(key) ?? null;
  }
  const { groups, overdue } = await figures(q, grouping);
  const rows: BreakdownRow[] = groups.map((group) => {
    const named = nameOf(group.key);
    const none = by === 'channel' ? { vi: group.key, en: group.key } : NONE_NAMES[by];
    return {
      key: named?.code ?? null,
      name_vi: named?.name_vi ?? none.vi,
      name_en: named?.name_en ?? none.en,
      measures: toMeasures(group, q.audience, overdue.get(group.key)),
    };
  });
  rows.sort((a, b) => b.measures.received - a.measures.received || (a.key ?? '~').localeCompare(b.key ?? '~'));
  return { query: q.scope.echo, by, rows };
}

/** The intervals of the range, each cut to the range: [start of the interval's bucket, first day, last day]. */
export function intervalsOf(from: string, to: string, interval: SeriesInterval): [string, string, string][] {
  const bucketOf = (day: string) => {
    if (interval === 'day') return day;
    if (interval === 'month') return `${day.slice(0, 7)}-01`;
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    return shiftDay(day, -weekday);
  };
  const nextOf = (bucket: string) => {
    if (interval === 'day') return shiftDay(bucket, 1);
    if (interval === 'week') return shiftDay(bucket, 7);
    const date = new Date(`${bucket}T00:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + 1);
    return date.toISOString().slice(0, 10);
  };
  const result: [string, string, string][] = [];
  for (let bucket = bucketOf(from); bucket <= to; bucket = nextOf(bucket)) {
    const end = shiftDay(nextOf(bucket), -1);
    result.push([bucket, bucket < from ? from : bucket, end > to ? to : end]);
  }
  return result;
}

export async function dashboardSeries(q: Question, interval: SeriesInterval): Promise<SeriesAnswer> {
  const { groups, overdue } = await figures(q, { kind: 'interval', interval });
  const byKey = new Map(groups.map((group) => [group.key, group]));
  const points: SeriesPoint[] = intervalsOf(q.scope.filter.from, q.scope.filter.to, interval).map(
    ([bucket, start, end]) => ({
      start,
      end,
      measures: toMeasures(byKey.get(bucket) ?? EMPTY_FIGURES(bucket), q.audience, overdue.get(bucket)),
    }),
  );
  return { query: q.scope.echo, interval, points };
}

/** Grid squares to H3 cells, remembered: the same squares come back on every view. */
const h3Cache = new Map<string, string>();
const H3_CACHE_LIMIT = 500_000;

function h3Of(cell: number, degrees: number, resolution: number): string {
  const key = `${resolution}:${degrees}:${cell}`;
  let found = h3Cache.get(key);
  if (!found) {
    if (h3Cache.size >= H3_CACHE_LIMIT) h3Cache.clear();
    const { lat, lon } = cellCenter(cell, degrees);
    found = latLngToCell(lat, lon, resolution);
    h3Cache.set(key, found);
  }
  return found;
}

/** The roll-up's squares are fine enough up to resolution 7; smaller hexagons need the positions. */
const FINEST_FROM_ROLLUP = 7;

export async function dashboardHeatmap(q: Question, resolution: number): Promise<HeatmapAnswer> {
  const fine = resolution > FINEST_FROM_ROLLUP;
  // finer hexagons are read from the cases themselves: staff only, so that anyone cannot make
  // the server read a year of cases at will
  if (fine && q.audience === 'public') {
    throw badRequest(
      'resolution_too_fine',
      `The public heat map goes down to H3 resolution ${FINEST_FROM_ROLLUP}; ${resolution} is for staff`,
      { max_resolution: FINEST_FROM_ROLLUP },
    );
  }
  const degrees = fine ? POINT_CELL_DEGREES : ROLLUP_CELL_DEGREES;
  const { groups } = await figures(q, { kind: fine ? 'point' : 'cell' }, { durations: false, overdue: false });
  const cells = new Map<string, HeatmapCell>();
  for (const group of groups) {
    const h3 = h3Of(Number(group.key), degrees, resolution);
    let cell = cells.get(h3);
    if (!cell) {
      const [lat, lon] = cellToLatLng(h3);
      cell = { cell: h3, lat, lon, received: 0, open: 0, resolved: 0 };
      cells.set(h3, cell);
    }
    cell.received += group.received;
    cell.open += group.open;
    cell.resolved += group.resolved;
  }
  const minCount = q.audience === 'public' ? PUBLIC_MIN_CELL_COUNT : 1;
  return {
    query: q.scope.echo,
    resolution,
    min_count: minCount,
    cells: [...cells.values()]
      .filter((cell) => cell.received >= minCount)
      .sort((a, b) => b.received - a.received || a.cell.localeCompare(b.cell)),
  };
}

export const LEAGUE_ORDER = ['on_time_rate', 'satisfaction_rate', 'median_hours_to_resolve', 'received'] as const;

/** Agencies ranked, Hue-S style: on time first, then satisfaction, then speed. */
export async function dashboardLeague(q: Question): Promise<LeagueAnswer> {
  const [{ groups, overdue }, names] = await Promise.all([figures(q, { kind: 'agency' }), namesById(q.db, 'agencies')]);
  const rows = groups
    .filter((group) => names.has(group.key))
    .map((group) => {
      const staff = toMeasures(group, 'staff', overdue.get(group.key));
      const shown = q.audience === 'staff' ? staff : toMeasures(group, 'public');
      const agency = names.get(group.key) as Named;
      const row: LeagueRow = {
        rank: null,
        agency: { code: agency.code, name_vi: agency.name_vi, name_en: agency.name_en },
        received: shown.received,
        resolved: shown.resolved,
        open: shown.open,
        ...(q.audience === 'staff' ? { overdue: staff.overdue ?? 0 } : {}),
        on_time_rate: shown.on_time_rate,
        median_hours_to_resolve: shown.median_hours_to_resolve,
        satisfaction_rate: shown.satisfaction_rate,
        rated: shown.rated,
      };
      return { row, staff };
    });
  // nulls last; higher rates and faster resolution first
  const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);
  const asc = (a: number | null, b: number | null) => (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);
  rows.sort(
    (a, b) =>
      Number(b.staff.resolved >= LEAGUE_MIN_RESOLVED) - Number(a.staff.resolved >= LEAGUE_MIN_RESOLVED) ||
      desc(a.staff.on_time_rate, b.staff.on_time_rate) ||
      desc(a.staff.satisfaction_rate, b.staff.satisfaction_rate) ||
      asc(a.staff.median_hours_to_resolve, b.staff.median_hours_to_resolve) ||
      b.staff.received - a.staff.received ||
      a.row.agency.code.localeCompare(b.row.agency.code),
  );
  let rank = 0;
  for (const { row, staff } of rows) if (staff.resolved >= LEAGUE_MIN_RESOLVED) row.rank = ++rank;
  return {
    query: q.scope.echo,
    min_resolved: LEAGUE_MIN_RESOLVED,
    ranked_by: [...LEAGUE_ORDER],
    rows: rows.map(({ row }) => row),
  };
}
