// Live updates without reload: the server's stream of case changes (GET /cases/stream,
// server-sent events) refreshes the queue and any screen showing a changed case. A stream
// that opens (again) refreshes the queue too, for the changes made while it was not there.
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../../api/session';
import { QUEUE_KEY } from './api';

const STREAM_URL = '/api/v1/cases/stream';
/** Changes that come together (a burst of reports) refresh the screen once. */
const GATHER_MS = 250;
/** After the server refused the stream (signed out, restarting): when to try again. */
const RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

export type LiveState = 'connecting' | 'live' | 'offline';

interface CaseChange {
  case_id: string;
  code: string;
  type: string;
  state: string;
  version: number;
}

/** Every query about one case holds its id in its key, whoever wrote it: refresh those. */
function refreshCase(client: QueryClient, caseId: string) {
  return client.invalidateQueries({
    predicate: (query) => query.queryKey.some((part) => part === caseId),
  });
}

/** Events that bring a case into a queue: reported (operators), or assigned or sent to an agency. */
const ARRIVALS = new Set(['submitted', 'assigned', 'transferred']);

/** A case arriving that the lists on screen do not hold yet is new to this person. */
function isArrival(client: QueryClient, change: CaseChange): boolean {
  if (!ARRIVALS.has(change.type)) return false;
  const lists = client.getQueriesData<{ pages: { items: { id: string }[] }[] }>({ queryKey: [...QUEUE_KEY, 'list'] });
  return !lists.some(([, data]) => data?.pages.some((page) => page.items.some((item) => item.id === change.case_id)));
}

export interface LiveQueue {
  state: LiveState;
  /** Cases that arrived since the screen opened, not yet looked at. */
  freshIds: ReadonlySet<string>;
  markSeen(caseId: string): void;
  /** For a polite live region: "1 phản ánh mới". */
  announcement: string;
}

export function useLiveQueue(): LiveQueue {
  const { t } = useTranslation('queue');
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const translate = useRef(t);
  translate.current = t;

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let gatherTimer: ReturnType<typeof setTimeout> | undefined;
    let announceTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const changed = new Set<string>();
    let reported = 0;

    const flush = () => {
      gatherTimer = undefined;
      void client.invalidateQueries({ queryKey: QUEUE_KEY });
      for (const caseId of changed) void refreshCase(client, caseId);
      changed.clear();
      if (reported > 0) {
        const text = translate.current('live.newCases', { count: reported });
        reported = 0;
        // emptied first, so that the same words said twice are announced twice
        setAnnouncement('');
        clearTimeout(announceTimer);
        announceTimer = setTimeout(() => setAnnouncement(text), 100);
      }
    };
    const gather = () => {
      gatherTimer ??= setTimeout(flush, GATHER_MS);
    };

    const connect = () => {
      setState('connecting');
      const opened = new EventSource(STREAM_URL);
      source = opened;
      opened.onopen = () => {
        attempt = 0;
        setState('live');
        gather();
      };
      opened.addEventListener('case', (event) => {
        let change: CaseChange;
        try {
          change = JSON.parse((event as MessageEvent<string>).data) as CaseChange;
        } catch {
          return;
        }
        changed.add(change.case_id);
        if (isArrival(client, change)) {
          reported += 1;
          setFreshIds((ids) => new Set(ids).add(change.case_id));
        }
        gather();
      });
      opened.addEventListener('resync', gather);
      opened.onerror = () => {
        if (opened.readyState !== EventSource.CLOSED) {
          setState('connecting'); // the browser tries again by itself
          return;
        }
        // Refused: perhaps signed out (the console then asks to sign in again), perhaps a restart.
        opened.close();
        setState('offline');
        void client.invalidateQueries({ queryKey: ME_KEY });
        retryTimer = setTimeout(connect, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
        attempt += 1;
      };
    };

    connect();
    return () => {
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(gatherTimer);
      clearTimeout(announceTimer);
    };
  }, [client]);

  const markSeen = useCallback((caseId: string) => {
    setFreshIds((ids) => {
      if (!ids.has(caseId)) return ids;
      const next = new Set(ids);
      next.delete(caseId);
      return next;
    });
  }, []);

  return { state, freshIds, markSeen, announcement };
}
