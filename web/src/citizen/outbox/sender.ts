// Sends the outbox: when the app starts, when the network returns, when the app comes back to
// the foreground and right after a report is queued. One report at a time, oldest first; an
// item leaves the outbox only after a 2xx. No answer or a 5xx: it waits and is tried again
// later (backing off); a 4xx refusal: it is marked failed with the server's message.
import type { CitizenCase } from '../../../../src/shared/cases';
import { ApiError, get } from '../../api/client';
import { isRefusal, outboxErrorOf, sendReport } from './send';
import {
  deleteOutboxItem,
  getOutboxItem,
  listOutbox,
  newIdempotencyKey,
  type OutboxError,
  type OutboxFile,
  type OutboxItem,
  putOutboxItem,
  type ReportFields,
  updateOutboxItem,
} from './store';

export type OutboxEvent =
  | { type: 'changed' }
  | { type: 'progress'; id: string; fraction: number }
  | { type: 'sent'; id: string; report: CitizenCase }
  | { type: 'failed'; id: string; error: OutboxError }
  | { type: 'deferred'; id: string; error: OutboxError | null };

/** What became of a report the page asked to send. */
export type SendOutcome =
  | { kind: 'sent'; id: string; report: CitizenCase }
  | { kind: 'failed'; id: string; error: OutboxError }
  | { kind: 'queued'; id: string; error: OutboxError | null };

const listeners = new Set<(event: OutboxEvent) => void>();
// Other tabs of the app: they redraw their lists and learn the outcome of what they queued.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('citypulse-outbox') : null;
channel?.addEventListener('message', (message: MessageEvent<OutboxEvent>) => notify(message.data));

function notify(event: OutboxEvent) {
  for (const listener of listeners) listener(event);
}

function emit(event: OutboxEvent) {
  notify(event);
  if (event.type !== 'progress') channel?.postMessage(event);
}

export function onOutboxEvent(listener: (event: OutboxEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The report being sent now, and the reports sent since the app started (newest first). */
export interface SentReport {
  id: string;
  userId: string;
  caseId: string;
  code: string;
  description: string;
}
let sendingId: string | null = null;
let sent: SentReport[] = [];
export const currentlySending = () => sendingId;
export const recentlySent = () => sent;

const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 30 * 60_000;
/** How long to wait before asking again when nobody, or somebody else, is signed in. */
const SIGNED_OUT_WAIT_MS = 60_000;

function backoff(attempts: number): number {
  const delay = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
  return delay + Math.random() * delay * 0.2; // spread the retries of many phones
}

/** The signed-in person's id; null when nobody is. Throws when the server cannot be reached. */
async function signedInUserId(): Promise<string | null> {
  try {
    return (await get<{ id: string }>('/me')).id;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Across tabs: one sender at a time (the key would keep a double send harmless, but costly). */
function withLock(task: () => Promise<void>): Promise<void> {
  if (navigator.locks) return navigator.locks.request('citypulse-outbox-send', task);
  return task();
}

async function postpone(items: OutboxItem[], error: OutboxError | null, wait: number, countAttempt: boolean) {
  for (const { id } of items) {
    const changed = await updateOutboxItem(id, (item) => ({
      ...item,
      attempts: countAttempt ? item.attempts + 1 : item.attempts,
      nextAttemptAt: Date.now() + wait,
      lastError: error ?? item.lastError,
    }));
    if (changed) emit({ type: 'deferred', id, error });
  }
}

async function sendDue(force: boolean): Promise<void> {
  const now = Date.now();
  const due = (await listOutbox()).filter((i) => i.status === 'waiting' && (force || i.nextAttemptAt <= now));
  if (due.length === 0) return;
  if (!navigator.onLine) {
    for (const item of due) emit({ type: 'deferred', id: item.id, error: null });
    return;
  }
  let userId: string | null;
  try {
    userId = await signedInUserId();
  } catch (error) {
    const failure = outboxErrorOf(error);
    await postpone(due, failure, backoff(1), false);
    return;
  }
  const mine = due.filter((item) => item.userId === userId);
  // not signed in, or someone else is: their reports wait for them
  await postpone(
    due.filter((item) => item.userId !== userId),
    { status: 401, code: 'not_signed_in', message: 'Sign in to send' },
    SIGNED_OUT_WAIT_MS,
    false,
  );
  for (const queued of mine) {
    const item = await getOutboxItem(queued.id); // another tab may have sent or changed it
    if (item?.status !== 'waiting') continue;
    sendingId = item.id;
    emit({ type: 'changed' });
    try {
      const report = await sendReport(item, (fraction) => emit({ type: 'progress', id: item.id, fraction }));
      await deleteOutboxItem(item.id);
      sent = [
        {
          id: item.id,
          userId: item.userId,
          caseId: report.id,
          code: report.code,
          description: item.fields.description,
        },
        ...sent,
      ].slice(0, 5);
      emit({ type: 'sent', id: item.id, report });
    } catch (caught) {
      const error = outboxErrorOf(caught);
      if (isRefusal(error)) {
        await updateOutboxItem(item.id, (current) => ({
          ...current,
          status: 'failed',
          attempts: current.attempts + 1,
          lastError: error,
        }));
        emit({ type: 'failed', id: item.id, error });
      } else {
        const rest = mine.slice(mine.indexOf(queued));
        // no answer, signed out or a server fault: the ones after it would fare no better
        const signedOut = error.status === 401;
        await postpone(rest, error, signedOut ? SIGNED_OUT_WAIT_MS : backoff(item.attempts + 1), !signedOut);
        return;
      }
    } finally {
      sendingId = null;
      emit({ type: 'changed' });
    }
  }
}

let running: Promise<void> | null = null;
let again = false;
let forceNext = false;
let timer: ReturnType<typeof setTimeout> | undefined;

async function scheduleNextTry() {
  clearTimeout(timer);
  const waiting = (await listOutbox().catch(() => [])).filter((i) => i.status === 'waiting');
  if (waiting.length === 0) return;
  const next = Math.min(...waiting.map((i) => i.nextAttemptAt));
  timer = setTimeout(() => void flushOutbox(), Math.max(next - Date.now(), 1_000));
}

/** Sends what is due now (everything waiting with force). Resolves when the outbox has been tried. */
export function flushOutbox(options: { force?: boolean } = {}): Promise<void> {
  if (options.force) forceNext = true;
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const force = forceNext;
        forceNext = false;
        await withLock(() => sendDue(force));
      } while (again);
    } catch (error) {
      console.warn('outbox: could not be sent', error);
    } finally {
      running = null;
      await scheduleNextTry();
    }
  })();
  return running;
}

let started = false;

/** Called once at app start: sends what an earlier visit left, and whatever is queued later. */
export function startOutboxSender(): void {
  if (started || typeof indexedDB === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void flushOutbox({ force: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flushOutbox();
  });
  void flushOutbox();
}

export interface NewReport {
  userId: string;
  fields: ReportFields;
  files: OutboxFile[];
}

/** Keeps a report on the device with a new Idempotency-Key; nothing is sent yet. */
export async function queueReport(report: NewReport): Promise<OutboxItem> {
  const item: OutboxItem = {
    id: newIdempotencyKey(),
    userId: report.userId,
    queuedAt: Date.now(),
    fields: report.fields,
    files: report.files,
    status: 'waiting',
    attempts: 0,
    nextAttemptAt: Date.now(),
    lastError: null,
  };
  await putOutboxItem(item);
  // ask the browser not to evict the outbox under storage pressure (best effort)
  void navigator.storage?.persist?.().catch(() => false);
  emit({ type: 'changed' });
  return item;
}

/**
 * Queues a report and, when the device is online, sends it at once: resolves with the
 * server's case, its refusal, or "queued" when it has to wait for the network.
 */
export async function submitReport(
  report: NewReport,
  options: { replaces?: string | null; onProgress?: (fraction: number) => void } = {},
): Promise<SendOutcome> {
  const item = await queueReport(report);
  // the failed report this one was edited from is settled by the new one
  if (options.replaces) await discardReport(options.replaces);
  return sendNow(item.id, options.onProgress);
}

/** Tries one queued report now (the citizen's "retry"), and says what became of it. */
export async function sendNow(id: string, onProgress?: (fraction: number) => void): Promise<SendOutcome> {
  if (!navigator.onLine) return { kind: 'queued', id, error: null };
  // a holder, not a let: it is set by the listener, which TypeScript's narrowing does not see
  const result: { outcome: SendOutcome | null } = { outcome: null };
  let settle: (outcome: SendOutcome) => void = () => undefined;
  const settled = new Promise<SendOutcome>((resolve) => {
    settle = resolve;
  });
  const stop = onOutboxEvent((event) => {
    if (!('id' in event) || event.id !== id) return;
    if (event.type === 'progress') onProgress?.(event.fraction);
    else if (event.type === 'sent') result.outcome = { kind: 'sent', id, report: event.report };
    else if (event.type === 'failed') result.outcome = { kind: 'failed', id, error: event.error };
    else if (event.type === 'deferred') result.outcome = { kind: 'queued', id, error: event.error };
    if (result.outcome) {
      stop();
      settle(result.outcome);
    }
  });
  await flushOutbox({ force: true });
  if (result.outcome) return result.outcome;
  // the flush did not get to it: say where it stands
  const item = await getOutboxItem(id);
  if (item) stop();
  if (item?.status === 'failed' && item.lastError) return { kind: 'failed', id, error: item.lastError };
  if (item) return { kind: 'queued', id, error: item.lastError };
  return settled; // sent by another tab: its message is on the way
}

/** The citizen gave up on a report (or replaced it with an edited one). */
export async function discardReport(id: string): Promise<void> {
  await deleteOutboxItem(id);
  emit({ type: 'changed' });
}
