// Administration of outbound webhooks (admins): subscribe (the signing secret is shown once),
// list, resume a paused subscription, delete, and read a subscription's delivery log.
import Type, { type Static } from 'typebox';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/types.js';
import type { OutboundPolicy } from '../../platform/net/outbound-guard.js';
import { auditContextOf } from '../audit/context.js';
import {
  createSubscription,
  type DeliveryLogEntry,
  disableSubscription,
  listDeliveries,
  listSubscriptions,
  resumeSubscription,
  statusOf,
  WEBHOOK_EVENT_TYPES,
  type WebhookSubscription,
} from './service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const tags = ['administration'];

export const WebhookView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  agency: Nullable(Type.String({ description: 'Only events of cases this agency holds' })),
  events: Type.Array(Type.String(), { description: 'Empty: every public event type' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('disabled')]),
  consecutive_failures: Type.Integer(),
  paused_at: Nullable(DateTime),
  disabled_at: Nullable(DateTime),
  created_at: DateTime,
});
export type WebhookView = Static<typeof WebhookView>;

const WebhookCreate = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }),
    agency: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    events: Type.Optional(
      Type.Array(Type.Enum(WEBHOOK_EVENT_TYPES), {
        minItems: 1,
        maxItems: WEBHOOK_EVENT_TYPES.length,
        uniqueItems: true,
      }),
    ),
  },
  { additionalProperties: false },
);

const DeliveryView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  event_type: Type.String(),
  event_at: DateTime,
  case_code: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(DateTime),
  delivered_at: Nullable(DateTime),
  created_at: DateTime,
  log: Type.Array(
    Type.Object({
      attempt: Type.Integer(),
      status_code: Nullable(Type.Integer()),
      error: Nullable(Type.String()),
      duration_ms: Type.Integer(),
      at: DateTime,
    }),
  ),
});

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function webhookView(subscription: WebhookSubscription): WebhookView {
  return {
    id: subscription.id,
    url: subscription.url,
    agency: subscription.agency_code,
    events: subscription.event_types,
    status: statusOf(subscription),
    consecutive_failures: subscription.consecutive_failures,
    paused_at: iso(subscription.paused_at),
    disabled_at: iso(subscription.disabled_at),
    created_at: subscription.created_at.toISOString(),
  };
}

function deliveryView(entry: DeliveryLogEntry): Static<typeof DeliveryView> {
  return {
    id: entry.id,
    event_type: entry.event_type,
    event_at: entry.event_at.toISOString(),
    case_code: entry.case_code,
    status: entry.status,
    attempts: entry.attempts,
    next_attempt_at: iso(entry.next_attempt_at),
    delivered_at: iso(entry.delivered_at),
    created_at: entry.created_at.toISOString(),
    log: entry.log.map((a) => ({
      attempt: a.attempt,
      status_code: a.status_code,
      error: a.error,
      duration_ms: a.duration_ms,
      at: a.created_at.toISOString(),
    })),
  };
}

const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export async function webhookRoutes(app: App, { db, outbound }: { db: Database; outbound: OutboundPolicy }) {
  app.get(
    '/admin/webhooks',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Webhook subscriptions, newest first (their secrets are never shown again)',
        response: { 200: Type.Object({ items: Type.Array(WebhookView) }) },
      },
    },
    async () => ({ items: (await listSubscriptions(db)).map(webhookView) }),
  );

  app.post(
    '/admin/webhooks',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary:
          'Subscribe a URL to case events; the signing secret is in this answer only. An internal address (loopback, private, link-local, metadata) is refused in production (400 url_not_allowed)',
        body: WebhookCreate,
        response: { 201: Type.Object({ subscription: WebhookView, secret: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const { url, agency, events } = request.body;
      const { subscription, secret } = await createSubscription(
        db,
        outbound,
        { url, agencyCode: agency ?? null, events: events ?? null },
        auditContextOf(request),
      );
      return reply.status(201).send({ subscription: webhookView(subscription), secret });
    },
  );

  app.post(
    '/admin/webhooks/:id/resume',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Resume a paused subscription: its failure count is cleared and pending deliveries are sent again',
        params: IdParams,
        response: { 200: WebhookView, ...errors },
      },
    },
    async (request) => webhookView(await resumeSubscription(db, request.params.id, auditContextOf(request))),
  );

  app.delete(
    '/admin/webhooks/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Delete (disable) a subscription: nothing more is sent; its delivery log stays',
        params: IdParams,
        response: { 200: WebhookView, ...errors },
      },
    },
    async (request) => webhookView(await disableSubscription(db, request.params.id, auditContextOf(request))),
  );

  app.get(
    '/admin/webhooks/:id/deliveries',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: "A subscription's last 100 deliveries, newest first, with every attempt",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(DeliveryView) }), ...errors },
      },
    },
    async (request) => ({ items: (await listDeliveries(db, request.params.id)).map(deliveryView) }),
  );
}
