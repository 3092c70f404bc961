// What the agency workspace asks for: its cases from the staff queue (the server keeps agency
// roles to their own agency), page by page, and its figures from the public measures.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CaseState, StaffCase } from '../../../../src/shared/cases';
import { api, get } from '../../api/client';
import { AGENCY_LISTS_KEY } from '../case/api';

export const AGENCY_SORTS = ['due', 'priority', 'newest'] as const;
export type AgencySort = (typeof AGENCY_SORTS)[number];

/** The states in which a case is on the agency's desk. */
export const AGENCY_OPEN_STATES: readonly CaseState[] = ['assigned', 'in_progress', 'waiting_for_citizen', 'reopened'];

export interface CaseListFilter {
  states: readonly CaseState[];
  overdue?: boolean;
  sort: AgencySort;
}

const PAGE_SIZE = 25;

interface CasePage {
  items: StaffCase[];
  next: string | null;
}

/** The queue's query string: repeated `state` for a list, which the shared helper does not write. */
function queueQuery(filter: CaseListFilter, cursor: string | undefined): string {
  const params = new URLSearchParams();
  for (const state of filter.states) params.append('state', state);
  if (filter.overdue !== undefined) params.set('overdue', String(filter.overdue));
  params.set('sort', filter.sort);
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

export function useAgencyCases(filter: CaseListFilter) {
  return useInfiniteQuery({
    queryKey: [...AGENCY_LISTS_KEY, 'cases', filter],
    queryFn: ({ pageParam, signal }) => api<CasePage>('GET', `/cases?${queueQuery(filter, pageParam)}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export interface AgencyMeasures {
  received: number;
  open: number;
  resolved: number;
  rejected: number;
  median_hours_to_first_response: number | null;
  median_hours_to_resolve: number | null;
  on_time_rate: number | null;
  satisfaction_rate: number | null;
  rated: number;
  reopen_rate: number | null;
}

/** A period in days back from now; null for all time. */
export type Period = 7 | 30 | 90 | 365 | null;

export function useAgencyMeasures(agencyCode: string, period: Period) {
  return useQuery({
    queryKey: [...AGENCY_LISTS_KEY, 'measures', agencyCode, period],
    queryFn: ({ signal }) =>
      get<AgencyMeasures>(
        '/public/measures',
        {
          agency: agencyCode,
          // computed when asked, so that the key stays the same while the period does
          from: period === null ? undefined : new Date(Date.now() - period * 86_400_000).toISOString(),
        },
        signal,
      ),
  });
}
