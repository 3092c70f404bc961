// Sending webhook deliveries: a periodic task claims due deliveries (SKIP LOCKED, then a claim
// that lasts past the HTTP timeout, so no transaction stays open during the call), posts each
// signed body, and records the attempt. A failure is retried with exponential backoff; too
// many failures in a row pause the subscription until an admin resumes it.
import { createHmac } from 'node:crypto';
import type { Database } from '../../platform/db/index.js';
import type { PeriodicTask } from '../../platform/jobs/periodic.js';
import { type OutboundPolicy, OutboundRefused } from '../../platform/net/outbound-guard.js';
import { outboundRequest } from '../../platform/net/outbound-request.js';

export interface SenderOptions {
  /** How long one POST may take. Default 10 s. */
  timeoutMs?: number;
  /** Consecutive failures of a subscription after which it is paused. Default 10. */
  maxConsecutiveFailures?: number;
  /** Attempts of one delivery before it is given up. Default 15. */
  maxAttempts?: number;
  /** Deliveries claimed per run. Default 20. */
  batch?: number;
}

const DEFAULTS = { timeoutMs: 10_000, maxConsecutiveFailures: 10, maxAttempts: 15, batch: 20 };
/** 30 s, 2 min, 8 min, 32 min, ... at most 6 h. */
const BACKOFF_BASE_SECONDS = 30;
const BACKOFF_CAP_SECONDS = 6 * 60 * 60;
const MAX_ERROR_LENGTH = 500;

export function backoffSeconds(attempt: number): number {
  return Math.min(BACKOFF_BASE_SECONDS * 4 ** Math.max(0, attempt - 1), BACKOFF_CAP_SECONDS);
}

export const SIGNATURE_HEADER = 'x-citypulse-signature';
export const TIMESTAMP_HEADER = 'x-citypulse-timestamp';
export const DELIVERY_HEADER = 'x-citypulse-delivery';

/** sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)> */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  url: string;
  secret: string;
  event_id: number;
  event_type: string;
  event_at: Date;
  case_code: string;
  case_state: string;
  agency_code: string | null;
  attempts: number;
}

/** The JSON body: the event and the case's public facts only (no reporter, no text). */
export function deliveryBody(delivery: Omit<ClaimedDelivery, 'subscription_id' | 'url' | 'secret' | 'attempts'>) {
  return JSON.stringify({
    id: delivery.id,
    event: { id: delivery.event_id, type: delivery.event_type, at: new Date(delivery.event_at).toISOString() },
    case: {
      code: delivery.case_code,
      state: delivery.case_state,
      agency: delivery.agency_code,
      url: `/api/v1/public/reports/${encodeURIComponent(delivery.case_code)}`,
    },
  });
}

async function claim(db: Database, batch: number, lockSeconds: number): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND (d.locked_until IS NULL OR d.locked_until <= now())
            AND s.paused_at IS NULL AND s.disabled_at IS NULL
          ORDER BY d.next_attempt_at, d.id
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d
          SET locked_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
         FROM due, webhook_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, s.url, s.secret, d.event_id, d.event_type, d.event_at, d.case_code,
                 d.case_state, d.agency_code, d.attempts`,
      [batch, lockSeconds],
    );
    return rows;
  });
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

async function post(delivery: ClaimedDelivery, timeoutMs: number, outbound: OutboundPolicy): Promise<Outcome> {
  const body = deliveryBody(delivery);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    // checked again on every delivery: the name may resolve elsewhere now (DNS rebinding);
    // a redirect is a failure (never followed): the subscriber must give the final URL
    const response = await outboundRequest(outbound, delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'CityPulse-Webhooks/1',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signatureOf(delivery.secret, timestamp, body),
        [DELIVERY_HEADER]: delivery.id,
      },
      body,
      timeoutMs,
    });
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    // a refused destination was never contacted: the log says so and nothing about the target
    if (error instanceof OutboundRefused) return { ok: false, statusCode: null, error: error.message, durationMs: 0 };
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut
      ? `timed out after ${timeoutMs} ms`
      : `${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, statusCode: null, error: message.slice(0, MAX_ERROR_LENGTH), durationMs: elapsed() };
  }
}

async function record(
  db: Database,
  delivery: ClaimedDelivery,
  outcome: Outcome,
  options: typeof DEFAULTS,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5)`,
      [delivery.id, delivery.attempts, outcome.statusCode, outcome.error, outcome.durationMs],
    );
    if (outcome.ok) {
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), locked_until = NULL WHERE id = $1`,
        [delivery.id],
      );
      await tx.query('UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = $1', [
        delivery.subscription_id,
      ]);
      return;
    }
    const givenUp = delivery.attempts >= options.maxAttempts;
    await tx.query(
      `UPDATE webhook_deliveries
          SET status = $2, locked_until = NULL, next_attempt_at = now() + make_interval(secs => $3)
        WHERE id = $1`,
      [delivery.id, givenUp ? 'failed' : 'pending', backoffSeconds(delivery.attempts)],
    );
    await tx.query(
      `UPDATE webhook_subscriptions
          SET consecutive_failures = consecutive_failures + 1,
              paused_at = CASE WHEN paused_at IS NULL AND consecutive_failures + 1 >= $2 THEN now() ELSE paused_at END
        WHERE id = $1`,
      [delivery.subscription_id, options.maxConsecutiveFailures],
    );
  });
}

/** Sends the due deliveries once; returns how many were attempted. */
export async function sendDueWebhooks(
  db: Database,
  outbound: OutboundPolicy,
  options: SenderOptions = {},
): Promise<number> {
  const settings = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxConsecutiveFailures: options.maxConsecutiveFailures ?? DEFAULTS.maxConsecutiveFailures,
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    batch: options.batch ?? DEFAULTS.batch,
  };
  // the claim outlasts the call (and the write after it) so that no other sender takes it meanwhile
  const claimed = await claim(db, settings.batch, Math.ceil(settings.timeoutMs / 1000) + 30);
  await Promise.all(
    claimed.map(async (delivery) => record(db, delivery, await post(delivery, settings.timeoutMs, outbound), settings)),
  );
  return claimed.length;
}

export function webhookTasks(db: Database, outbound: OutboundPolicy, options: SenderOptions = {}): PeriodicTask[] {
  return [{ name: 'webhooks.deliver', everySeconds: 5, run: () => sendDueWebhooks(db, outbound, options) }];
}
