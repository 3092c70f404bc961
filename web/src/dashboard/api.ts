// The dashboard's answers: the staff endpoints (/dashboard/*) or the public ones
// (/public/dashboard/*, small numbers withheld), each also downloadable as CSV with the very
// same query string. The reference lists name the filters' choices.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BreakdownAnswer,
  HeatmapAnswer,
  LeagueAnswer,
  SeriesAnswer,
  SummaryAnswer,
} from '../../../src/shared/dashboard';
import { get, withQuery } from '../api/client';

export type Audience = 'staff' | 'public';

interface Answers {
  summary: SummaryAnswer;
  breakdown: BreakdownAnswer;
  series: SeriesAnswer;
  heatmap: HeatmapAnswer;
  league: LeagueAnswer;
}
export type Endpoint = keyof Answers;

const base = (audience: Audience) => (audience === 'staff' ? '/dashboard' : '/public/dashboard');

/** The link of a section's CSV file: the same question as the figures on the screen. */
export function csvHref(audience: Audience, endpoint: Endpoint, query: Record<string, string>): string {
  return withQuery(`/api/v1${base(audience)}/${endpoint}.csv`, query);
}

/**
 * One section's figures. Nothing is asked while `enabled` is false (a range to fix); the
 * previous figures stay on screen while new ones load, so the page does not jump.
 */
export function useDashboard<E extends Endpoint>(
  audience: Audience,
  endpoint: E,
  query: Record<string, string>,
  enabled = true,
) {
  return useQuery({
    queryKey: ['dashboard', audience, endpoint, query],
    queryFn: ({ signal }) => get<Answers[E]>(`${base(audience)}/${endpoint}`, query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export { useAgencies, useAreas, useCategories } from '../api/reference';
