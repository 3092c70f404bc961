// The city's categories and wards as the public pages name them: reports carry codes, people
// read names in their language. Boundaries are large, so they are fetched only when shown.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Area } from '../../../../src/shared/reference-data';
import { get } from '../../api/client';
import { useAreaName, useCategoryName } from '../../api/names';

const HOUR = 60 * 60_000;

/** Every area with its boundary: about 30 kB for Huế, asked for when boundaries are turned on. */
export function useAreaBoundaries(enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'areas', 'geometry'],
    queryFn: ({ signal }) => get<{ items: Area[] }>('/areas', { geometry: true }, signal),
    staleTime: HOUR,
    enabled,
  });
}

/** Names for category and area codes; a code stands in until the names arrive. */
export function useNames() {
  const category = useCategoryName();
  const area = useAreaName();
  // Stable between renders, so that what is drawn from the names is not redrawn for nothing.
  return useMemo(() => ({ category, area }), [category, area]);
}
