// LISTEN on a real PostgreSQL server needs a connection of its own: a pooled one goes back
// to the pool and its subscriptions with it. One such connection per process, opened on the
// first listen; when it is lost (server restart, network) it is opened again with every
// channel listened to again, and the subscribers are told that they may have missed some.
import pg from 'pg';
import type { ListenOptions, NotificationHandler, Unlisten } from './database.js';

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;

interface Subscriber {
  onPayload: NotificationHandler;
  options: ListenOptions;
}

export interface PgListener {
  listen(channel: string, onPayload: NotificationHandler, options?: ListenOptions): Promise<Unlisten>;
  close(): Promise<void>;
}

export function createPgListener(config: pg.ClientConfig): PgListener {
  const channels = new Map<string, Set<Subscriber>>();
  let client: pg.Client | null = null;
  /** The channels LISTENed to on the current client. */
  let listening = new Set<string>();
  let closed = false;
  let retryDelay = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  // Connecting, listening and unlistening run one after another, so none sees a half-made state.
  let work: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = work.then(step, step);
    work = next.catch(() => {});
    return next;
  };

  const deliver = (message: pg.Notification) => {
    for (const subscriber of channels.get(message.channel) ?? []) subscriber.onPayload(message.payload ?? '');
  };

  const lost = (lostClient: pg.Client) => {
    if (client !== lostClient) return; // already replaced, or closed on purpose
    client = null;
    listening = new Set();
    if (!closed && channels.size > 0) scheduleReconnect();
  };

  async function connected(): Promise<pg.Client> {
    if (client) return client;
    const fresh = new pg.Client({ ...config, keepAlive: true });
    // an error on this connection ends it: 'end' follows, and the reconnect with it
    fresh.on('error', () => lost(fresh));
    fresh.on('end', () => lost(fresh));
    fresh.on('notification', deliver);
    try {
      await fresh.connect();
    } catch (error) {
      fresh.removeAllListeners('end');
      await fresh.end().catch(() => {});
      throw error;
    }
    client = fresh;
    for (const channel of channels.keys()) await listenOn(fresh, channel);
    return fresh;
  }

  async function listenOn(on: pg.Client, channel: string) {
    if (listening.has(channel)) return;
    await on.query(`LISTEN ${channel}`);
    listening.add(channel);
  }

  function scheduleReconnect() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void serially(async () => {
        if (closed || channels.size === 0) return;
        try {
          await connected();
        } catch {
          client?.removeAllListeners('end');
          await client?.end().catch(() => {});
          client = null;
          listening = new Set();
          retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
          scheduleReconnect();
          return;
        }
        retryDelay = FIRST_RETRY_MS;
        for (const subscribers of channels.values()) for (const s of subscribers) s.options.onResumed?.();
      });
    }, retryDelay);
    retryTimer.unref();
  }

  return {
    listen(channel, onPayload, options = {}) {
      const subscriber: Subscriber = { onPayload, options };
      return serially(async () => {
        if (closed) throw new Error('The database is closed');
        const subscribers = channels.get(channel) ?? new Set();
        channels.set(channel, subscribers);
        subscribers.add(subscriber);
        try {
          await listenOn(await connected(), channel);
        } catch (error) {
          subscribers.delete(subscriber);
          if (subscribers.size === 0) channels.delete(channel);
          throw error;
        }
        let active = true;
        return () =>
          serially(async () => {
            if (!active) return;
            active = false;
            subscribers.delete(subscriber);
            if (subscribers.size > 0 || channels.get(channel) !== subscribers) return;
            channels.delete(channel);
            if (client && listening.has(channel)) {
              listening.delete(channel);
              await client.query(`UNLISTEN ${channel}`).catch(() => {});
            }
          });
      });
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await serially(async () => {
        const last = client;
        client = null;
        await last?.end().catch(() => {});
      });
    },
  };
}
