// Public reports from GET /public/reports: for the map, every report in the view (several
// pages of the API, up to a cap the page admits to); for the list, page after page on demand.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Feature, Point } from 'geojson';
import type { CaseState, MediaRef } from '../../../../src/shared/cases';
import { api } from '../../api/client';
import { type Bbox, type ReportFilters, reportsQuery } from './filters';

export interface ReportProperties {
  code: string;
  state: CaseState;
  category: string | null;
  priority: string;
  title: string | null;
  /** Masked by the server: no phone numbers, e-mails, ID numbers or plates. */
  description: string;
  /** The ward's code. */
  area: string | null;
  agency: string | null;
  created_at: string;
  resolved_at: string | null;
  media: MediaRef[];
}

export type ReportFeature = Feature<Point, ReportProperties>;

interface ReportPage {
  type: 'FeatureCollection';
  features: ReportFeature[];
  next: string | null;
}

const fetchPage = (filters: ReportFilters, bbox: Bbox | null, limit: number, cursor?: string, signal?: AbortSignal) =>
  api<ReportPage>('GET', `/public/reports?${reportsQuery(filters, bbox, { limit, cursor })}`, { signal });

/** The API's largest page, and how many of them the map loads for one view. */
const MAP_PAGE_SIZE = 500;
const MAP_MAX_PAGES = 4;
export const MAP_REPORT_CAP = MAP_PAGE_SIZE * MAP_MAX_PAGES;

export interface ReportsInView {
  features: ReportFeature[];
  /** More reports match than the map loaded: the newest MAP_REPORT_CAP are shown. */
  truncated: boolean;
}

export function useReportsInView(filters: ReportFilters, bbox: Bbox | null, enabled: boolean) {
  return useQuery({
    queryKey: ['public-reports', 'map', bbox, filters],
    queryFn: async ({ signal }): Promise<ReportsInView> => {
      const features: ReportFeature[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAP_MAX_PAGES; page += 1) {
        const answer = await fetchPage(filters, bbox, MAP_PAGE_SIZE, cursor, signal);
        features.push(...answer.features);
        if (!answer.next) return { features, truncated: false };
        cursor = answer.next;
      }
      return { features, truncated: true };
    },
    enabled: enabled && bbox !== null,
    // moving the map keeps the reports drawn until the new area's arrive
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export const LIST_PAGE_SIZE = 20;

export function useReportList(filters: ReportFilters, bbox: Bbox | null, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['public-reports', 'list', bbox, filters],
    queryFn: ({ pageParam, signal }) => fetchPage(filters, bbox, LIST_PAGE_SIZE, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled,
    staleTime: 30_000,
  });
}
