// The URL's search params, and one way to change them whose changes build on each other.
// react-router hands each functional update the params of the last render, so two changes made
// in one moment (a box ticked while the map reports that it moved) would keep only the second.
import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';

export type SearchParamsUpdate = (next: URLSearchParams) => void;

export function useSearchParamsUpdater(): [URLSearchParams, (update: SearchParamsUpdate) => void] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  const requested = useRef(new Set<string>());
  // A location this page did not ask for (back, a link) is the new starting point; one it asked
  // for may be an older step than the latest request, which then stays the starting point.
  const shown = params.toString();
  if (!requested.current.has(shown) || shown === latest.current.toString()) {
    latest.current = params;
    requested.current.clear(); // every request up to the one shown is settled
    requested.current.add(shown);
  }
  const update = useCallback(
    (change: SearchParamsUpdate) => {
      const next = new URLSearchParams(latest.current);
      change(next);
      latest.current = next;
      requested.current.add(next.toString());
      // flushSync: a box bound to the URL shows its new state at once, not a moment later
      setParams(next, { replace: true, preventScrollReset: true, flushSync: true });
    },
    [setParams],
  );
  return [params, update];
}
