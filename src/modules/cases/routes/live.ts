// GET /cases/stream: the staff screens' live feed of case changes, as server-sent events.
// A stream carries ids and states only; the screen asks the API for what it shows, so the
// usual access rules apply to the content.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { STAFF_ROLES } from '../../../shared/roles.js';
import { activeSessionIds } from '../../accounts/sessions.js';
import { createCaseFeed, type LiveMessage } from '../live.js';

export interface StreamTiming {
  /** A comment line this often: under the idle timeouts of common proxies (often 30-60 s). */
  heartbeatMs: number;
  /** A stream ends after this long and the browser opens another (which signs in again). */
  maxStreamMs: number;
  /**
   * How often the sessions behind open streams are checked: a stream of a signed-out, revoked
   * or disabled session ends within this. One query per instance covers all its streams, and
   * each instance checks its own, so a revocation made through any instance reaches them all.
   */
  sessionCheckMs: number;
}

const TIMING: StreamTiming = { heartbeatMs: 25_000, maxStreamMs: 15 * 60_000, sessionCheckMs: 5_000 };
/** How long the browser waits before reconnecting after a stream ends. */
const RECONNECT_MS = 3_000;
/** A client that reads slower than the changes come is dropped (it reconnects and reloads). */
const MAX_BUFFERED_BYTES = 1_048_576;

/** EventSource always asks for text/event-stream; curl's star also fits. */
export function acceptsEventStream(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const [range, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const refused = params.some((param) => /^q=0(\.0*)?$/.test(param));
    return !refused && (range === 'text/event-stream' || range === 'text/*' || range === '*/*');
  });
}

function frame(message: LiveMessage): string {
  if (message.kind === 'resync') return 'event: resync\ndata: {}\n\n';
  // agency ids stay on the server: the screen needs the case, the event and the state
  const { case_id, code, type, state, version } = message.change;
  return `event: case\ndata: ${JSON.stringify({ case_id, code, type, state, version })}\n\n`;
}

export async function liveCaseRoutes(app: App, { db, timing = TIMING }: { db: Database; timing?: StreamTiming }) {
  const feed = createCaseFeed(db, (error) => app.log.error({ err: error }, 'live case feed'));
  // each open stream's end, and the session it was opened with
  const openStreams = new Map<() => void, string>();
  let checking = false;
  const sessionCheck = setInterval(async () => {
    if (checking || openStreams.size === 0) return;
    checking = true;
    try {
      const active = await activeSessionIds(db, [...new Set(openStreams.values())]);
      for (const [end, sessionId] of [...openStreams]) if (!active.has(sessionId)) end();
    } catch (error) {
      app.log.warn({ err: error }, 'live streams: session check failed'); // tried again next time
    } finally {
      checking = false;
    }
  }, timing.sessionCheckMs);
  sessionCheck.unref();
  // Before the server waits for its connections: open streams would keep it waiting forever.
  app.addHook('preClose', async () => {
    clearInterval(sessionCheck);
    for (const end of [...openStreams.keys()]) end();
    await feed.close();
  });

  app.get(
    '/cases/stream',
    {
      exposeHeadRoute: false,
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['cases'],
        summary: 'Live case changes as server-sent events (agency roles: their agency only)',
        description:
          'Send `Accept: text/event-stream` (EventSource does). Events: `case` with `{ case_id, code, type, state, version }` ' +
          'for each committed change, from any server instance; `resync` when changes may have been missed (reload the ' +
          'queue). A comment line is sent every 25 s; the stream ends after 15 minutes and the browser reconnects.',
        response: {
          200: {
            description: 'A stream of server-sent events',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          406: { $ref: 'ErrorBody#' },
          503: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (request, reply) => {
      if (!acceptsEventStream(request.headers.accept)) {
        throw new AppError(
          406,
          'not_acceptable',
          'This is a stream of server-sent events: send Accept: text/event-stream',
        );
      }
      const principal = principalOf(request);
      const raw = reply.raw;
      // Changes that arrive before the answer starts wait here, so that none is lost.
      let pending: string[] | null = [];
      const send = (text: string) => {
        if (pending) {
          pending.push(text);
          return;
        }
        raw.write(text);
        if (raw.writableLength > MAX_BUFFERED_BYTES) end();
      };
      let unsubscribe: () => void;
      try {
        unsubscribe = await feed.subscribe(principal, (message) => send(frame(message)));
      } catch (error) {
        request.log.error({ err: error }, 'live case feed unavailable');
        throw new AppError(503, 'live_unavailable', 'Live updates are unavailable right now; reload to see changes');
      }

      const heartbeat = setInterval(() => send(': heartbeat\n\n'), timing.heartbeatMs);
      const maxAge = setTimeout(() => end(), timing.maxStreamMs);
      function end() {
        if (!openStreams.delete(end)) return;
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        unsubscribe();
        if (!raw.writableEnded) raw.end();
      }
      openStreams.set(end, principal.sessionId);
      raw.on('close', end);

      reply.hijack();
      // the browser went away while the feed was being joined: nothing to stream to
      if (request.socket.destroyed) return end();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and the like would otherwise hold events back in their buffers
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      const waiting = pending;
      pending = null;
      raw.write(`retry: ${RECONNECT_MS}\n\n${waiting.join('')}`);
    },
  );
}
