// A phone's width, shared by the charts and the tables-become-cards. In a file of its own so
// that a table asking for it does not pull the charts library into the page's first load.
import { useEffect, useState } from 'react';

const NARROW = '(max-width: 40rem)';

/** True on a phone's width; follows the window as it turns or is resized. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => globalThis.matchMedia?.(NARROW).matches ?? false);
  useEffect(() => {
    const query = globalThis.matchMedia?.(NARROW);
    if (!query) return;
    const update = () => setNarrow(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return narrow;
}
