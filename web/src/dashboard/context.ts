// What every section of one dashboard shares: who it is for (staff or the public), the
// question's filters as the API takes them, and whether the question may be asked yet.
import { createContext, useContext } from 'react';
import type { Audience } from './api';
import type { DashboardView } from './filters';
import type { ParamsPatch } from './useDashboardParams';

export interface DashboardContextValue {
  audience: Audience;
  /** The filters as query parameters (from, to, category, ...). */
  query: Record<string, string>;
  /** False while the range in the URL is wrong: nothing is asked. */
  enabled: boolean;
  view: DashboardView;
  change: (patch: ParamsPatch) => void;
  /** The range the server answered for (its defaults filled in), once known. */
  range: { from: string; to: string } | null;
}

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboardContext(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboardContext outside a dashboard');
  return value;
}
