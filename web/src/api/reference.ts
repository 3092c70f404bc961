// The city's categories, agencies and areas, shared by every screen that names or filters by
// them (one query key each, so that a change made in administration refreshes them all).
import { useQuery } from '@tanstack/react-query';
import type { Agency, AreaSummary, Category } from '../../../src/shared/reference-data';
import { get } from './client';

const HOUR = 60 * 60_000;

export function useCategories() {
  return useQuery({
    queryKey: ['reference', 'categories'],
    queryFn: ({ signal }) => get<{ items: Category[] }>('/categories', undefined, signal),
    staleTime: HOUR,
    select: (data) => data.items,
  });
}

export function useAgencies() {
  return useQuery({
    queryKey: ['reference', 'agencies'],
    queryFn: ({ signal }) => get<{ items: Agency[] }>('/agencies', undefined, signal),
    staleTime: HOUR,
    select: (data) => data.items,
  });
}

export function useAreas() {
  return useQuery({
    queryKey: ['reference', 'areas'],
    queryFn: ({ signal }) => get<{ items: AreaSummary[] }>('/areas', undefined, signal),
    staleTime: HOUR,
    select: (data) => data.items,
  });
}
