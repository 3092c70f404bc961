// The public map's filters and view live in the URL, so that a shared link shows the same
// reports in the same place. Everything read from the URL is checked: a hand-edited link
// gives a clear message, never a request the server would refuse.
import type { CaseState } from '../../../../src/shared/cases';

export const STATE_FILTERS = ['all', 'open', 'resolved'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface ReportFilters {
  category: string | null;
  state: StateFilter;
  /** Days as the person picked them (YYYY-MM-DD, their own time zone), both included. */
  from: string | null;
  to: string | null;
}

/** minLon, minLat, maxLon, maxLat, as the API takes it. */
export type Bbox = [number, number, number, number];

/** Where the map looks: shared in the URL as at=lat,lon,zoom. */
export interface MapView {
  lat: number;
  lon: number;
  zoom: number;
}

const OPEN: readonly CaseState[] = [
  'submitted',
  'triaged',
  'assigned',
  'in_progress',
  'waiting_for_citizen',
  'reopened',
];
const DONE: readonly CaseState[] = ['resolved', 'closed'];

/**
 * The states each choice asks for. "All" leaves out merged reports: they are duplicates folded
 * into another case, and counting them again would make a place look worse than it is.
 */
export const STATES_OF: Record<StateFilter, readonly CaseState[]> = {
  all: [...OPEN, ...DONE],
  open: OPEN,
  resolved: DONE,
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local midnight that starts the day, or null when the text is not a real date. */
export function startOfDay(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  // 2025-02-30 rolls over into March: not a day anyone picked
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return start;
}

export function readFilters(params: URLSearchParams): ReportFilters {
  const state = params.get('state');
  return {
    category: params.get('category') || null,
    state: STATE_FILTERS.includes(state as StateFilter) ? (state as StateFilter) : 'all',
    from: params.get('from') || null,
    to: params.get('to') || null,
  };
}

export type FilterProblems = { from?: 'invalidDate'; to?: 'invalidDate' | 'fromAfterTo' };

/** What is wrong with the dates, as message keys per field; empty when they can be asked for. */
export function filterProblems(filters: ReportFilters): FilterProblems {
  const problems: FilterProblems = {};
  const from = filters.from ? startOfDay(filters.from) : null;
  const to = filters.to ? startOfDay(filters.to) : null;
  if (filters.from && !from) problems.from = 'invalidDate';
  if (filters.to && !to) problems.to = 'invalidDate';
  if (from && to && from > to) problems.to = 'fromAfterTo';
  return problems;
}

export const hasProblems = (problems: FilterProblems) => Boolean(problems.from || problems.to);

/** How many filters narrow the reports, for the filter button's label. */
export function activeFilterCount(filters: ReportFilters): number {
  return [filters.category, filters.state !== 'all', filters.from, filters.to].filter(Boolean).length;
}

/** Changes the filters in the URL's search params (empty values removed). */
export function applyFilters(params: URLSearchParams, patch: Partial<ReportFilters>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value && !(key === 'state' && value === 'all')) params.set(key, value);
    else params.delete(key);
  }
}

/** The API's query for these filters (valid ones: check filterProblems first). */
export function reportsQuery(filters: ReportFilters, bbox: Bbox | null, page: { limit: number; cursor?: string }) {
  const query = new URLSearchParams();
  if (bbox) query.set('bbox', bbox.join(','));
  if (filters.category) query.set('category', filters.category);
  for (const state of STATES_OF[filters.state]) query.append('state', state);
  const from = filters.from ? startOfDay(filters.from) : null;
  if (from) query.set('from', from.toISOString());
  const to = filters.to ? startOfDay(filters.to) : null;
  if (to) {
    // the API's "to" excludes its instant: the day after the chosen one starts it
    to.setDate(to.getDate() + 1);
    query.set('to', to.toISOString());
  }
  query.set('limit', String(page.limit));
  if (page.cursor) query.set('cursor', page.cursor);
  return query.toString();
}

export function readMapView(params: URLSearchParams): MapView | null {
  const parts = (params.get('at') ?? '').split(',').map(Number);
  const [lat, lon, zoom] = parts as [number, number, number];
  const valid =
    parts.length === 3 &&
    parts.every(Number.isFinite) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    zoom >= 3 &&
    zoom <= 19;
  return valid ? { lat, lon, zoom: Math.round(zoom) } : null;
}

export const formatMapView = (view: MapView) => `${view.lat.toFixed(5)},${view.lon.toFixed(5)},${view.zoom}`;

/** Rounded outwards to about 10 m, so that the same view asks the same question twice. */
export function roundBbox([west, south, east, north]: Bbox): Bbox {
  const down = (n: number) => Math.floor(n * 10_000) / 10_000;
  const up = (n: number) => Math.ceil(n * 10_000) / 10_000;
  return [Math.max(-180, down(west)), Math.max(-90, down(south)), Math.min(180, up(east)), Math.min(90, up(north))];
}
