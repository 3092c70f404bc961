// The outbox as the UI sees it: the signed-in person's reports waiting to be sent (or refused),
// the one being sent now and the ones sent during this visit. Redrawn on every outbox event,
// this tab's or another's.
import { useEffect, useState } from 'react';
import { currentlySending, onOutboxEvent, recentlySent, type SentReport } from './sender';
import { listOutbox, type OutboxItem } from './store';

export interface OutboxView {
  /** undefined while loading; [] when nothing waits (or IndexedDB is not available). */
  items: OutboxItem[] | undefined;
  sendingId: string | null;
  sent: SentReport[];
}

export function useOutbox(userId: string | undefined): OutboxView {
  const [view, setView] = useState<OutboxView>({ items: undefined, sendingId: null, sent: [] });

  useEffect(() => {
    let live = true;
    const load = async () => {
      const items = await listOutbox().catch(() => []);
      if (!live) return;
      setView({
        items: items.filter((item) => item.userId === userId),
        sendingId: currentlySending(),
        sent: recentlySent().filter((report) => report.userId === userId),
      });
    };
    void load();
    const stop = onOutboxEvent((event) => {
      if (event.type !== 'progress') void load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [userId]);

  return view;
}
