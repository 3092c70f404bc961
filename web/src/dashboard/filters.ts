// The dashboard's question lives in the URL: the date range, the filters and how each section
// is cut (by, interval, heat map resolution), so that a reload or a shared link shows the same
// figures. What is read from the URL is checked; a range the server would refuse is reported
// to the reader and never sent.
import { CHANNELS, type Channel } from '../../../src/shared/cases';
import {
  BREAKDOWNS,
  type Breakdown,
  HEATMAP_RESOLUTIONS,
  INTERVALS,
  MAX_RANGE_DAYS,
  type SeriesInterval,
} from '../../../src/shared/dashboard';

export interface DashboardFilters {
  /** YYYY-MM-DD as written in the URL (checked by rangeProblem); null: the server's default. */
  from: string | null;
  to: string | null;
  category: string | null;
  agency: string | null;
  area: string | null;
  channel: Channel | null;
}

export interface DashboardView {
  by: Breakdown;
  /** null: chosen from the length of the range (see defaultInterval). */
  interval: SeriesInterval | null;
  resolution: number;
}

const FILTER_KEYS = ['from', 'to', 'category', 'agency', 'area', 'channel'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
const code = (value: string | null) => (value && /^[\w.-]{1,64}$/.test(value) ? value : null);

export function readFilters(params: URLSearchParams): DashboardFilters {
  return {
    from: params.get('from') || null,
    to: params.get('to') || null,
    category: code(params.get('category')),
    agency: code(params.get('agency')),
    area: code(params.get('area')),
    channel: oneOf(CHANNELS, params.get('channel')),
  };
}

export function readView(params: URLSearchParams): DashboardView {
  const resolution = Number(params.get('res'));
  return {
    by: oneOf(BREAKDOWNS, params.get('by')) ?? 'category',
    interval: oneOf(INTERVALS, params.get('interval')),
    resolution:
      Number.isInteger(resolution) && resolution >= HEATMAP_RESOLUTIONS.min && resolution <= HEATMAP_RESOLUTIONS.max
        ? resolution
        : HEATMAP_RESOLUTIONS.default,
  };
}

/** Writes a change into the URL's parameters, leaving the other parameters alone. */
export function writeParams(
  params: URLSearchParams,
  patch: Partial<DashboardFilters> & Partial<DashboardView>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | number | null | undefined) => {
    if (value === undefined) return;
    if (value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  };
  for (const key of FILTER_KEYS) set(key, patch[key]);
  set('by', patch.by === 'category' ? null : patch.by);
  set('interval', patch.interval);
  set('res', patch.resolution === HEATMAP_RESOLUTIONS.default ? null : patch.resolution);
  return next;
}

const DAY_MS = 86_400_000;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const shiftDay = (day: string, days: number) =>
  new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);

export type RangeProblem = 'badFrom' | 'badTo' | 'fromAfterTo' | 'tooLong';

/** What is wrong with the range in the URL, if anything; the dashboard asks nothing until it is fixed. */
export function rangeProblem(filters: Pick<DashboardFilters, 'from' | 'to'>): RangeProblem | null {
  if (filters.from !== null && !isDay(filters.from)) return 'badFrom';
  if (filters.to !== null && !isDay(filters.to)) return 'badTo';
  if (filters.from !== null && filters.to !== null) {
    if (filters.from > filters.to) return 'fromAfterTo';
    if (dayNumber(filters.to) - dayNumber(filters.from) + 1 > MAX_RANGE_DAYS) return 'tooLong';
  }
  return null;
}

/** The query string the API takes for these filters; agency admins never send an agency (the server fills theirs). */
export function filterQuery(filters: DashboardFilters, options: { lockedAgency?: boolean } = {}) {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== null && !(key === 'agency' && options.lockedAgency)) query[key] = value;
  }
  return query;
}

/** Today's date in the city (en-CA writes dates as YYYY-MM-DD). */
export function cityToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const PRESETS = ['days30', 'months12', 'year'] as const;
export type RangePreset = (typeof PRESETS)[number];

/** The days a preset covers, ending today: 30 days, the last 12 whole months with this one, this year so far. */
export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  if (preset === 'days30') return { from: shiftDay(today, -29), to: today };
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - 11);
  return { from: date.toISOString().slice(0, 10), to: today };
}

/** Days, weeks or months: whichever keeps the series readable for a range this long. */
export function defaultInterval(from: string, to: string): SeriesInterval {
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days <= 45) return 'day';
  if (days <= 180) return 'week';
  return 'month';
}
