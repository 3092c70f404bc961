// The city's categories, agencies and areas, shared by every screen that names or filters by
// them (one query key each, so that a change made in administration refreshes them all).
import { useQuery } from '@tanstack/react-query';
import type { Agency, AreaSummary, Category } from '../../../src/shared/reference-data';
import { get } from './client';

export const REFERENCE_KEY = ['reference'] as const;
export type ReferenceList = 'categories' | 'agencies' | 'areas';
export const referenceKey = (list: ReferenceList) => [...REFERENCE_KEY, list] as const;

/** The lists change rarely: most screens take them as current for an hour. */
const HOUR = 60 * 60_000;

// Each hook takes how long its list counts as current: administration, where the lists are
// changed (perhaps by another administrator a moment ago), asks sooner than the other screens.

export function useCategories(staleTime = HOUR) {
  return useQuery({
    queryKey: referenceKey('categories'),
    queryFn: ({ signal }) => get<{ items: Category[] }>('/categories', undefined, signal),
    staleTime,
    select: (data) => data.items,
  });
}

export function useAgencies(staleTime = HOUR) {
  return useQuery({
    queryKey: referenceKey('agencies'),
    queryFn: ({ signal }) => get<{ items: Agency[] }>('/agencies', undefined, signal),
    staleTime,
    select: (data) => data.items,
  });
}

export function useAreas(staleTime = HOUR) {
  return useQuery({
    queryKey: referenceKey('areas'),
    queryFn: ({ signal }) => get<{ items: AreaSummary[] }>('/areas', undefined, signal),
    staleTime,
    select: (data) => data.items,
  });
}
