// The dashboard's filters and view from the URL, and the way to change them: a chosen filter is
// a step the back button can undo.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type DashboardFilters, type DashboardView, readFilters, readView, writeParams } from './filters';

export type ParamsPatch = Partial<DashboardFilters> & Partial<DashboardView>;

export function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const view = useMemo(() => readView(params), [params]);
  const change = useCallback((patch: ParamsPatch) => setParams((current) => writeParams(current, patch)), [setParams]);
  return { filters, view, change };
}
