// Outbound webhooks: admins subscribe other systems to the public events of cases. A matching
// event becomes a delivery row in the event's own transaction (enqueueWebhookDeliveries); the
// sender (sender.ts) posts it later from the periodic task. The signing secret is shown once,
// when the subscription is made, and kept as issued because signing needs it.
import { randomBytes } from 'node:crypto';
import { type Database, prepared, type Queryable } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { activeAgencyId } from '../agencies/service.js';
import { type AuditContext, recordAudit } from '../audit/service.js';

/** The event types a subscription may ask for: those that can be public. Only public events are sent. */
export const WEBHOOK_EVENT_TYPES = [
  'submitted',
  'triaged',
  'assigned',
  'accepted',
  'info_requested',
  'citizen_replied',
  'transferred',
  'resolved',
  'rated',
  'rejected',
  'merged',
  'auto_closed',
  'commented',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export type SubscriptionStatus = 'active' | 'paused' | 'disabled';

export interface WebhookSubscription {
  id: string;
  url: string;
  agency_id: number | null;
  agency_code: string | null;
  event_types: string[];
  consecutive_failures: number;
  paused_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}

const SUBSCRIPTION_SELECT = `SELECT s.id, s.url, s.agency_id, a.code AS agency_code, s.event_types,
    s.consecutive_failures, s.paused_at, s.disabled_at, s.created_at
  FROM webhook_subscriptions s LEFT JOIN agencies a ON a.id = s.agency_id`;

export function statusOf(subscription: Pick<WebhookSubscription, 'paused_at' | 'disabled_at'>): SubscriptionStatus {
  if (subscription.disabled_at) return 'disabled';
  return subscription.paused_at ? 'paused' : 'active';
}

export interface NewSubscription {
  url: string;
  agencyCode?: string | null;
  events?: readonly string[] | null;
}

function checkUrl(raw: string): string {
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('invalid_url', 'The webhook URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw badRequest('invalid_url', 'The webhook URL must be http or https');
  }
  if (parsed.username || parsed.password) {
    throw badRequest('invalid_url', 'The webhook URL may not carry a user name or password');
  }
  if (url.length > 2000) throw badRequest('invalid_url', 'The webhook URL is too long');
  return url;
}

function checkEvents(events: readonly string[] | null | undefined): string[] {
  const unique = [...new Set((events ?? []).map((e) => e.trim()).filter(Boolean))];
  const unknown = unique.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length > 0) {
    throw badRequest('invalid_events', `Events must be some of ${WEBHOOK_EVENT_TYPES.join(', ')}`, { unknown });
  }
  return unique;
}

export const newSecret = (): string => `whsec_${randomBytes(32).toString('hex')}`;

/** Creates a subscription; its secret is in the answer and never shown again. */
export async function createSubscription(
  db: Database,
  input: NewSubscription,
  context: AuditContext,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const url = checkUrl(input.url);
  const events = checkEvents(input.events);
  const secret = newSecret();
  const subscription = await db.transaction(async (tx) => {
    const agencyId = input.agencyCode ? await activeAgencyId(tx, input.agencyCode) : null;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (url, agency_id, event_types, secret, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [url, agencyId, events, secret, context.actor?.userId ?? null],
    );
    const id = rows[0]?.id as string;
    // the URL may hold a token of the receiver's: the audit log keeps its origin only
    await recordAudit(tx, context, {
      action: 'webhook.created',
      targetType: 'webhook_subscription',
      targetId: id,
      details: { origin: new URL(url).origin, agency: input.agencyCode ?? null, events },
    });
    return getSubscription(tx, id);
  });
  return { subscription, secret };
}

export async function getSubscription(db: Queryable, id: string): Promise<WebhookSubscription> {
  const { rows } = await db.query<WebhookSubscription>(`${SUBSCRIPTION_SELECT} WHERE s.id = $1`, [id]);
  if (!rows[0]) throw notFound('There is no such webhook subscription', 'webhook_not_found');
  return rows[0];
}

export async function listSubscriptions(db: Queryable): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<WebhookSubscription>(`${SUBSCRIPTION_SELECT} ORDER BY s.created_at DESC, s.id`);
  return rows;
}

/** Resumes a paused subscription: the failure count is cleared and its pending deliveries are due now. */
export async function resumeSubscription(db: Database, id: string, context: AuditContext) {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE webhook_subscriptions SET paused_at = NULL, consecutive_failures = 0
        WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
      [id],
    );
    if (!rows[0]) {
      const current = await getSubscription(tx, id); // 404 when missing
      throw badRequest('webhook_disabled', 'This subscription was deleted: create a new one', {
        status: statusOf(current),
      });
    }
    await tx.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE subscription_id = $1 AND status = 'pending'`,
      [id],
    );
    await recordAudit(tx, context, { action: 'webhook.resumed', targetType: 'webhook_subscription', targetId: id });
    return getSubscription(tx, id);
  });
}

/** Deletes (disables) a subscription: nothing more is queued or sent; its delivery log stays. */
export async function disableSubscription(db: Database, id: string, context: AuditContext) {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      'UPDATE webhook_subscriptions SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING id',
      [id],
    );
    if (rows[0]) {
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'failed' WHERE subscription_id = $1 AND status = 'pending'`,
        [id],
      );
      await recordAudit(tx, context, { action: 'webhook.disabled', targetType: 'webhook_subscription', targetId: id });
    }
    return getSubscription(tx, id);
  });
}

// ---------------------------------------------------------------------------------------------
// Enqueueing, in the event's transaction

export interface WebhookFacts {
  event: { id: number; type: string; public: boolean; created_at?: Date | null };
  caseRow: { id: string; code: string; agency_id: number | null; state: string };
}

/**
 * One pending delivery per live subscription that wants this event: a single INSERT ... SELECT
 * (nothing is inserted when nobody subscribed), and no statement at all for a non-public event.
 */
export function enqueueWebhookDeliveries(tx: Queryable, facts: WebhookFacts): Promise<number> {
  return enqueueWebhookDeliveriesOf(tx, [facts]);
}

/**
 * The INSERT of the deliveries that public case events owe their subscribers. source is a
 * relation with the columns event_id, event_type, event_at, case_id, case_code, case_state and
 * agency_id: parameter arrays here, or the rows a statement creating cases has just inserted.
 */
export function webhookDeliveriesSql(source: string): string {
  return `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, event_at, case_id, case_code, case_state, agency_code)
   SELECT s.id, e.event_id, e.event_type, coalesce(e.event_at, now()), e.case_id, e.case_code, e.case_state,
          (SELECT code FROM agencies WHERE id = e.agency_id)
     FROM ${source}
     JOIN webhook_subscriptions s
       ON s.paused_at IS NULL AND s.disabled_at IS NULL
      AND (s.agency_id IS NULL OR s.agency_id = e.agency_id)
      AND (cardinality(s.event_types) = 0 OR e.event_type = ANY (s.event_types))
    ORDER BY e.event_id, s.id`;
}

// every case event runs it
const ENQUEUE_DELIVERIES = prepared(
  webhookDeliveriesSql(`unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::bigint[])
            AS e(event_id, event_type, event_at, case_id, case_code, case_state, agency_id)`),
);

/** The same for many events in one statement (intake writes reports in batches). */
export async function enqueueWebhookDeliveriesOf(tx: Queryable, all: readonly WebhookFacts[]): Promise<number> {
  const wanted = all.filter(
    ({ event }) => event.public && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type),
  );
  if (wanted.length === 0) return 0;
  const { rowCount } = await tx.query(ENQUEUE_DELIVERIES, [
    wanted.map((f) => f.event.id),
    wanted.map((f) => f.event.type),
    wanted.map((f) => f.event.created_at ?? null),
    wanted.map((f) => f.caseRow.id),
    wanted.map((f) => f.caseRow.code),
    wanted.map((f) => f.caseRow.state),
    wanted.map((f) => f.caseRow.agency_id),
  ]);
  return rowCount;
}

// ---------------------------------------------------------------------------------------------
// The delivery log

export interface DeliveryAttempt {
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Date;
}

export interface DeliveryLogEntry {
  id: string;
  event_type: string;
  event_at: Date;
  case_code: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  log: DeliveryAttempt[];
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function listDeliveries(db: Queryable, subscriptionId: string, limit = 100): Promise<DeliveryLogEntry[]> {
  await getSubscription(db, subscriptionId); // 404 when missing
  const { rows } = await db.query<Omit<DeliveryLogEntry, 'log'> & { log: DeliveryAttempt[] | null }>(
    `SELECT d.id, d.event_type, d.event_at, d.case_code, d.status, d.attempts,
            CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS next_attempt_at,
            d.delivered_at, d.created_at,
            (SELECT json_agg(json_build_object('attempt', a.attempt, 'status_code', a.status_code, 'error', a.error,
                                               'duration_ms', a.duration_ms, 'created_at', a.created_at)
                             ORDER BY a.attempt)
               FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id) AS log
       FROM webhook_deliveries d
      WHERE d.subscription_id = $1
      ORDER BY d.created_at DESC, d.id
      LIMIT $2`,
    [subscriptionId, limit],
  );
  return rows.map((row) => ({
    ...row,
    log: (row.log ?? []).map((a) => ({ ...a, created_at: new Date(a.created_at) })),
  }));
}
