// What the report form asks the server while the citizen writes: the categories, the ward of
// the pin and the live triage suggestion. None of them is needed to send: offline, the form
// says it cannot check and carries on, and the server decides when the report arrives.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { CaseState } from '../../../../src/shared/cases';
import type { AreaLookup, AreaSummary, Category, Priority } from '../../../../src/shared/reference-data';
import { ApiError, api, get } from '../../api/client';
import { useCategories } from '../../api/reference';
import type { Point } from './draft';

/** The categories a citizen may choose: the active ones, in the order to offer them. */
export function useActiveCategories(): Category[] | undefined {
  const categories = useCategories().data;
  return useMemo(() => categories?.filter((category) => category.active), [categories]);
}

export type AreaAnswer = { inside: true; area: AreaSummary } | { inside: false };

/** The ward (or commune) of a point; { inside: false } when it is outside the city. */
export function useAreaLookup(point: Point | null) {
  // a few centimetres do not change the ward: do not ask again for them
  const lat = point ? Number(point.lat.toFixed(5)) : null;
  const lon = point ? Number(point.lon.toFixed(5)) : null;
  return useQuery({
    queryKey: ['area-lookup', lat, lon],
    enabled: lat !== null && lon !== null,
    queryFn: async ({ signal }): Promise<AreaAnswer> => {
      try {
        const found = await get<AreaLookup>('/areas/lookup', { lat, lon }, signal);
        return { inside: true, area: found.area };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { inside: false };
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

interface Named {
  code: string;
  name_vi: string;
  name_en: string;
}

/** Open cases nearby that may be the same problem (POST /triage/suggest). */
export interface SimilarCase {
  case_id: string;
  code: string;
  score: number;
  distance_m: number;
  state: CaseState;
  category: string | null;
  created_at: string;
  description: string;
}

/** The part of POST /triage/suggest's answer the form uses (src/modules/triage/routes.ts). */
export interface TriageSuggestion {
  category: Named & { confidence: number; top3: (Named & { confidence: number })[] };
  priority: { level: Priority; confidence: number };
  area: Named | null;
  similar: SimilarCase[];
}

/** Below this many characters there is too little to suggest anything from. */
export const SUGGEST_MIN_CHARS = 10;

export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** The category suggested for the text as it is typed (debounced), and similar cases near the pin. */
export function useTriageSuggestion(text: string, point: Point | null) {
  const debounced = useDebounced(text.trim(), 700);
  return useQuery({
    queryKey: ['triage-suggest', debounced, point?.lat ?? null, point?.lon ?? null],
    enabled: debounced.length >= SUGGEST_MIN_CHARS,
    queryFn: ({ signal }) =>
      api<TriageSuggestion>('POST', '/triage/suggest', {
        body: { text: debounced, ...(point ? { lat: point.lat, lon: point.lon } : {}) },
        signal,
      }),
    staleTime: 5 * 60_000,
    retry: false,
    // the last suggestion stays on screen while the next is asked
    placeholderData: keepPreviousData,
  });
}

/** A URL for showing a local file (a preview); revoked when it is no longer shown. */
export function useObjectUrl(blob: Blob): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}
