// The queue's state in the URL, for the list and the map alike: the filters and the selected
// case (?case=<id>), so that a reload, the back button or a shared link bring back the same view.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type QueueFilters, readFilters, writeFilters } from './filters';

const SELECTED = 'case';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function useQueueParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const rawSelected = params.get(SELECTED);
  const selectedId = rawSelected && UUID.test(rawSelected) ? rawSelected : null;

  const setFilters = useCallback(
    (patch: Partial<QueueFilters>, options: { typing?: boolean } = {}) =>
      // typing does not fill the history with every word; a chosen filter is a step back can undo
      setParams((current) => writeFilters(current, { ...readFilters(current), ...patch }), {
        replace: options.typing === true,
      }),
    [setParams],
  );

  /** Selecting replaces the history entry: moving through the list with j/k is not a trail of steps. */
  const select = useCallback(
    (caseId: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (caseId) next.set(SELECTED, caseId);
          else next.delete(SELECTED);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  /** The URL's parameters as they are, for links between the list and the map. */
  const search = params.toString();
  return { filters, setFilters, selectedId, select, search };
}
