// The queue's data: GET /cases page by page for the list, every matching case (up to a cap)
// for the map, and the reference data the filters offer (the shared lists; the cells name things
// with the case console's names). All queue queries share QUEUE_KEY, so that one invalidation (a
// live change) refreshes them all.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { StaffCase } from '../../../../src/shared/cases';
import { api } from '../../api/client';
import { type QueueFilters, queueQuery } from './filters';

export const QUEUE_KEY = ['staff', 'queue'] as const;

interface QueuePage {
  items: StaffCase[];
  next: string | null;
}

const fetchPage = (filters: QueueFilters, limit: number, cursor: string | undefined, signal: AbortSignal) =>
  api<QueuePage>('GET', `/cases?${queueQuery(filters, { limit, cursor })}`, { signal });

const LIST_PAGE_SIZE = 50;

export function useQueue(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: [...QUEUE_KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchPage(filters, LIST_PAGE_SIZE, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    // the rows stay while a new filter's rows load: the list does not jump to a spinner
    placeholderData: keepPreviousData,
  });
}

const MAP_PAGE_SIZE = 200;
const MAP_MAX_PAGES = 5;
export const MAP_CASE_CAP = MAP_PAGE_SIZE * MAP_MAX_PAGES;

export interface MapCases {
  cases: StaffCase[];
  /** More cases match than the map loaded: the first MAP_CASE_CAP in the queue's order are shown. */
  truncated: boolean;
}

export function useQueueForMap(filters: QueueFilters) {
  return useQuery({
    queryKey: [...QUEUE_KEY, 'map', filters],
    queryFn: async ({ signal }): Promise<MapCases> => {
      const cases: StaffCase[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAP_MAX_PAGES; page += 1) {
        const answer = await fetchPage(filters, MAP_PAGE_SIZE, cursor, signal);
        cases.push(...answer.items);
        if (!answer.next) return { cases, truncated: false };
        cursor = answer.next;
      }
      return { cases, truncated: true };
    },
    placeholderData: keepPreviousData,
  });
}

export { useAgencies, useAreas, useCategories } from '../../api/reference';
