// Live case changes for the staff screens. Every committed change is announced by the
// database (migration 0012: NOTIFY case_changes), whichever server instance made it; each
// instance listens once and hands each change to the streams it serves that may see it.
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import type { CaseState } from '../../shared/cases.js';
import { isAgencyRole } from '../../shared/roles.js';

export const CASE_CHANGES_CHANNEL = 'case_changes';

/** One change as the database announces it. */
export interface CaseChange {
  case_id: string;
  code: string;
  /** The event that made it (submitted, assigned, note, ...). */
  type: string;
  state: CaseState;
  version: number;
  agency_id: number | null;
  /** The agency that held the case before this change (a transfer away). */
  previous_agency_id: number | null;
}

/** What a stream is sent: a change it may see, or "reload": changes may have been missed. */
export type LiveMessage = { kind: 'change'; change: CaseChange } | { kind: 'resync' };

export type Viewer = Pick<Principal, 'role' | 'agencyId'>;

/** Agency roles hear of their agency's cases only, including one that just left them. */
export function mayHear(viewer: Viewer, change: CaseChange): boolean {
  if (!isAgencyRole(viewer.role)) return true;
  return (
    viewer.agencyId !== null && (change.agency_id === viewer.agencyId || change.previous_agency_id === viewer.agencyId)
  );
}

export interface CaseFeed {
  /** Resolves once the database listens, so that no change after it is missed. */
  subscribe(viewer: Viewer, send: (message: LiveMessage) => void): Promise<() => void>;
  close(): Promise<void>;
}

interface Subscriber {
  viewer: Viewer;
  send: (message: LiveMessage) => void;
}

export function createCaseFeed(db: Database, onError: (error: unknown) => void): CaseFeed {
  const subscribers = new Set<Subscriber>();
  // One LISTEN per instance, opened with the first stream and kept until the app closes.
  let listening: Promise<() => Promise<void>> | null = null;
  let closed = false;

  const broadcast = (message: LiveMessage, viewerMayHear: (viewer: Viewer) => boolean) => {
    for (const subscriber of subscribers) {
      if (!viewerMayHear(subscriber.viewer)) continue;
      try {
        subscriber.send(message);
      } catch (error) {
        onError(error); // one broken stream must not keep the change from the others
      }
    }
  };

  const onPayload = (payload: string) => {
    let change: CaseChange;
    try {
      change = JSON.parse(payload) as CaseChange;
    } catch (error) {
      onError(error);
      return;
    }
    broadcast({ kind: 'change', change }, (viewer) => mayHear(viewer, change));
  };

  const listen = () => {
    listening ??= db
      .listen(CASE_CHANGES_CHANNEL, onPayload, { onResumed: () => broadcast({ kind: 'resync' }, () => true) })
      .catch((error: unknown) => {
        listening = null; // the next stream tries again
        throw error;
      });
    return listening;
  };

  return {
    async subscribe(viewer, send) {
      if (closed) throw new Error('The case feed is closed');
      await listen();
      const subscriber = { viewer, send };
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    async close() {
      closed = true;
      subscribers.clear();
      const unlisten = await listening?.catch(() => null);
      listening = null;
      await unlisten?.();
    },
  };
}
