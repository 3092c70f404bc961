// The city's categories and wards as the public pages name them: reports carry codes, people
// read names in their language. Boundaries are large, so they are fetched only when shown.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, AreaSummary, Category } from '../../../../src/shared/reference-data';
import { get } from '../../api/client';
import { localName } from '../../ui/format';

const HOUR = 60 * 60_000;

export function useCategories() {
  return useQuery({
    queryKey: ['public', 'categories'],
    queryFn: ({ signal }) => get<{ items: Category[] }>('/categories', undefined, signal),
    staleTime: HOUR,
    select: (data) => data.items,
  });
}

function useAreaSummaries() {
  return useQuery({
    queryKey: ['public', 'areas'],
    queryFn: ({ signal }) => get<{ items: AreaSummary[] }>('/areas', undefined, signal),
    staleTime: HOUR,
  });
}

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
  const { i18n } = useTranslation(); // a new language gives new names
  const categories = useCategories();
  const areas = useAreaSummaries();
  const language = i18n.language;
  // Stable between renders, so that what is drawn from the names is not redrawn for nothing.
  return useMemo(() => {
    void language;
    return {
      category(code: string | null): string | null {
        if (!code) return null;
        const found = categories.data?.find((category) => category.code === code);
        return found ? localName(found) : code;
      },
      area(code: string | null): string | null {
        if (!code) return null;
        const found = areas.data?.items.find((area) => area.code === code);
        return found ? localName(found) : code;
      },
    };
  }, [categories.data, areas.data, language]);
}
