// The queue's filters and sort live in the URL (a reload or a shared link shows the same
// queue), and so does the selected case. What is read from the URL is checked: a hand-edited
// value the server would refuse is dropped rather than sent.
import { CASE_STATES, type CaseState, CHANNELS, type Channel, OPEN_STATES } from '../../../../src/shared/cases';
import { PRIORITIES, type Priority } from '../../../../src/shared/reference-data';

/** "open": every state in which the city still owes an answer (the default); "all": no filter. */
export type StateFilter = 'open' | 'all' | CaseState;
export const SORTS = ['priority', 'newest', 'due'] as const;
export type QueueSort = (typeof SORTS)[number];

export interface QueueFilters {
  state: StateFilter;
  category: string | null;
  area: string | null;
  agency: string | null;
  priority: Priority | null;
  channel: Channel | null;
  overdue: boolean;
  q: string;
  sort: QueueSort;
}

export const DEFAULT_FILTERS: QueueFilters = {
  state: 'open',
  category: null,
  area: null,
  agency: null,
  priority: null,
  channel: null,
  overdue: false,
  q: '',
  // urgent first, then the newest
  sort: 'priority',
};

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
const code = (value: string | null) => (value && /^[\w.-]{1,64}$/.test(value) ? value : null);

export function readFilters(params: URLSearchParams): QueueFilters {
  const state = params.get('state');
  return {
    state: state === 'all' || state === 'open' ? state : (oneOf(CASE_STATES, state) ?? 'open'),
    category: code(params.get('category')),
    area: code(params.get('area')),
    agency: code(params.get('agency')),
    priority: oneOf(PRIORITIES, params.get('priority')),
    channel: oneOf(CHANNELS, params.get('channel')),
    overdue: params.get('overdue') === '1',
    q: (params.get('q') ?? '').slice(0, 200),
    sort: oneOf(SORTS, params.get('sort')) ?? DEFAULT_FILTERS.sort,
  };
}

/** Writes the filters into the URL's parameters, leaving defaults out and other parameters alone. */
export function writeFilters(params: URLSearchParams, filters: QueueFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const values: Record<keyof QueueFilters, string | null> = {
    state: filters.state === DEFAULT_FILTERS.state ? null : filters.state,
    category: filters.category,
    area: filters.area,
    agency: filters.agency,
    priority: filters.priority,
    channel: filters.channel,
    overdue: filters.overdue ? '1' : null,
    q: filters.q.trim() || null,
    sort: filters.sort === DEFAULT_FILTERS.sort ? null : filters.sort,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/** How many filters differ from the defaults (the sort is not a filter). */
export function activeFilterCount(filters: QueueFilters): number {
  const { sort: _sort, ...rest } = filters;
  return Object.entries(rest).filter(([key, value]) => value !== DEFAULT_FILTERS[key as keyof QueueFilters]).length;
}

/** The query string of GET /cases for these filters. */
export function queueQuery(filters: QueueFilters, page: { limit: number; cursor?: string }): string {
  const query = new URLSearchParams();
  const states = filters.state === 'all' ? [] : filters.state === 'open' ? OPEN_STATES : [filters.state];
  for (const state of states) query.append('state', state);
  if (filters.category) query.set('category', filters.category);
  if (filters.area) query.set('area', filters.area);
  if (filters.agency) query.set('agency', filters.agency);
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.channel) query.set('channel', filters.channel);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.q.trim()) query.set('q', filters.q.trim());
  query.set('sort', filters.sort);
  query.set('limit', String(page.limit));
  if (page.cursor) query.set('cursor', page.cursor);
  return query.toString();
}
