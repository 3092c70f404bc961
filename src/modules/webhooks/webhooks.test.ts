// Outbound webhooks: admins subscribe (the secret shown once), a case event queues a delivery
// in its own transaction, the periodic task posts it signed to a receiver on 127.0.0.1, retries
// with backoff, logs every attempt, and pauses a subscription that keeps failing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { openPostgres } from '../../platform/db/postgres.js';
import type { App } from '../../platform/http/types.js';
import { outboundPolicy } from '../../platform/net/outbound-guard.js';
import type { StoredEvent } from '../cases/events.js';
import type { StoredCase } from '../cases/timeline.js';
import { backoffSeconds, sendDueWebhooks, webhookTasks } from './sender.js';
import { enqueueWebhookDeliveries } from './service.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  /** The status code of the next answer, by the number of requests received so far (1-based). */
  status: (count: number) => number;
  close(): Promise<void>;
}

async function startReceiver(status: (count: number) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = { url: '', received, status, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = receiver.status(received.length);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/citypulse`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

let t: TestApp;
let api: App;
let admin: TestUser;
let operator: TestUser;
let citizen: TestUser;
const receivers: Receiver[] = [];
const run = () =>
  (webhookTasks(t.db, outboundPolicy(true), { timeoutMs: 2000 })[0] as { run(): Promise<number> }).run();

beforeAll(async () => {
  t = await createTestApp();
  api = t.app; // app.ts registers the webhook routes
  admin = await createUser(t.db, 'admin');
  operator = await createUser(t.db, 'operator');
  citizen = await createUser(t.db, 'citizen');
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await t.close();
});

async function receiver(status?: (count: number) => number) {
  const started = await startReceiver(status);
  receivers.push(started);
  return started;
}

async function subscribe(payload: Record<string, unknown>) {
  const response = await api.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: admin.auth, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { subscription: { id: string; status: string }; secret: string };
}

const remove = (id: string) =>
  api.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${id}`, headers: admin.auth });

/** A citizen's report assigned to the water agency: its id. */
async function assignedCase(): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.auth,
    payload: { description: 'Mất nước từ sáng, gọi 0905123456', category: 'water_supply', lat: 16.4698, lon: 107.5786 },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const assigned = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/assign`,
    headers: operator.auth,
    payload: { agency: 'water' },
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  return id;
}

/**
 * What timeline.ts does beside notifyCaseEvent: queue the case's latest event, in a transaction.
 * Once timeline.ts calls enqueueWebhookDeliveries itself, the event is already queued: its
 * deliveries are counted instead of queued twice.
 */
async function enqueueLatest(caseId: string): Promise<number> {
  return t.db.transaction(async (tx) => {
    const { rows: cases } = await tx.query<StoredCase>('SELECT * FROM cases WHERE id = $1', [caseId]);
    const { rows: events } = await tx.query<StoredEvent>(
      'SELECT * FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1',
      [caseId],
    );
    const event = events[0] as StoredEvent;
    const { rows: queued } = await tx.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM webhook_deliveries WHERE event_id = $1',
      [event.id],
    );
    if ((queued[0]?.count ?? 0) > 0) return queued[0]?.count ?? 0;
    return enqueueWebhookDeliveries(tx, { event, caseRow: cases[0] as StoredCase });
  });
}

const deliveriesOf = async (subscriptionId: string) =>
  (
    await api.inject({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${subscriptionId}/deliveries`,
      headers: admin.auth,
    })
  ).json().items as {
    id: string;
    status: string;
    attempts: number;
    case_code: string;
    event_type: string;
    log: { attempt: number; status_code: number | null; error: string | null; duration_ms: number }[];
  }[];

const makeDue = (subscriptionId: string) =>
  t.db.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE subscription_id = $1`, [subscriptionId]);

function verify(secret: string, received: Received): boolean {
  const timestamp = received.headers['x-citypulse-timestamp'] as string;
  const signature = received.headers['x-citypulse-signature'] as string;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex')}`;
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

describe('webhook subscriptions', () => {
  it('are for admins only', async () => {
    const asOperator = await api.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: operator.auth });
    expect(asOperator.statusCode).toBe(403);
    const anonymous = await api.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: { url: 'http://127.0.0.1:9/x' },
    });
    expect(anonymous.statusCode).toBe(401);
    for (const payload of [
      { url: 'ftp://127.0.0.1/x' },
      { url: 'http://127.0.0.1:9/x', agency: 'nope' },
      { url: 'http://127.0.0.1:9/x', events: ['note'] },
    ]) {
      const response = await api.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: admin.auth,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('shows the secret once and never again', async () => {
    const { subscription, secret } = await subscribe({ url: 'http://127.0.0.1:9/once', agency: 'doc' });
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(subscription).toMatchObject({ status: 'active', agency: 'doc', events: [] });
    const list = await api.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.auth });
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(subscription.id);
    const removed = await remove(subscription.id);
    expect(removed.json()).toMatchObject({ status: 'disabled' });
    expect(removed.body).not.toContain(secret);
  });
});

describe('webhook deliveries', () => {
  it('posts a signed event with no personal data to the subscribers it concerns', async () => {
    const hook = await receiver();
    const { subscription, secret } = await subscribe({ url: hook.url, agency: 'water' });
    const other = await subscribe({ url: hook.url, agency: 'doc' });
    const onlyResolved = await subscribe({ url: hook.url, events: ['resolved'] });
    const id = await assignedCase();
    expect(await enqueueLatest(id)).toBe(1);

    expect(await run()).toBe(1);
    expect(hook.received).toHaveLength(1);
    const [got] = hook.received as [Received];
    expect(verify(secret, got)).toBe(true);
    expect(verify(`${secret}x`, got)).toBe(false);
    expect(Number(got.headers['x-citypulse-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    const body = JSON.parse(got.body);
    const { rows } = await t.db.query<{ code: string }>('SELECT code FROM cases WHERE id = $1', [id]);
    const code = rows[0]?.code as string;
    expect(body).toEqual({
      id: got.headers['x-citypulse-delivery'],
      event: { id: expect.any(Number), type: 'assigned', at: expect.any(String) },
      case: { code, state: 'assigned', agency: 'water', url: `/api/v1/public/reports/${code}` },
    });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.body).not.toContain('0905123456');
    expect(got.body).not.toContain(citizen.id);

    const [delivery] = await deliveriesOf(subscription.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, case_code: code, event_type: 'assigned' });
    expect(delivery?.log).toEqual([
      { attempt: 1, status_code: 200, error: null, duration_ms: expect.any(Number), at: expect.any(String) },
    ]);
    expect(await deliveriesOf(other.subscription.id)).toEqual([]);
    expect(await deliveriesOf(onlyResolved.subscription.id)).toEqual([]);
    expect(await run()).toBe(0); // delivered once

    // a staff-only event is never queued
    const note = await t.db.transaction(async (tx) => {
      const { rows: cases } = await tx.query<StoredCase>('SELECT * FROM cases WHERE id = $1', [id]);
      return enqueueWebhookDeliveries(tx, {
        event: { id: 1, type: 'note', public: false },
        caseRow: cases[0] as StoredCase,
      });
    });
    expect(note).toBe(0);
    for (const s of [subscription, other.subscription, onlyResolved.subscription]) await remove(s.id);
  });

  it('retries a failed delivery with backoff and logs every attempt', async () => {
    const hook = await receiver((count) => (count <= 2 ? 500 : 204));
    const { subscription, secret } = await subscribe({ url: hook.url, events: ['assigned'] });
    const id = await assignedCase();
    expect(await enqueueLatest(id)).toBe(1);

    expect(await run()).toBe(1);
    const due = async () =>
      (
        await t.db.query<{ seconds: number }>(
          `SELECT extract(epoch FROM next_attempt_at - now())::float8 AS seconds FROM webhook_deliveries WHERE subscription_id = $1`,
          [subscription.id],
        )
      ).rows[0]?.seconds as number;
    expect(await due()).toBeGreaterThan(backoffSeconds(1) - 5);
    expect(await due()).toBeLessThanOrEqual(backoffSeconds(1));
    expect(await run()).toBe(0); // not due yet
    await makeDue(subscription.id);
    expect(await run()).toBe(1);
    expect(await due()).toBeGreaterThan(backoffSeconds(2) - 5);
    await makeDue(subscription.id);
    expect(await run()).toBe(1);

    expect(hook.received).toHaveLength(3);
    // the same delivery, body and id each time; each attempt signed anew
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(hook.received.every((r) => verify(secret, r))).toBe(true);
    const [delivery] = await deliveriesOf(subscription.id);
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.log.map((a) => [a.attempt, a.status_code, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 204, null],
    ]);
    const { rows } = await t.db.query<{ consecutive_failures: number }>(
      'SELECT consecutive_failures FROM webhook_subscriptions WHERE id = $1',
      [subscription.id],
    );
    expect(rows[0]?.consecutive_failures).toBe(0);
    await remove(subscription.id);
  });

  it('logs a receiver that is down, and pauses a subscription after 10 failures in a row until resumed', async () => {
    const hook = await receiver(() => 500);
    const { subscription } = await subscribe({ url: hook.url, events: ['assigned'] });
    const id = await assignedCase();
    expect(await enqueueLatest(id)).toBe(1);
    for (let i = 0; i < 10; i += 1) {
      await makeDue(subscription.id);
      expect(await run()).toBe(1);
    }
    const list = await api.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.auth });
    const listed = list.json().items.find((s: { id: string }) => s.id === subscription.id);
    expect(listed).toMatchObject({ status: 'paused', consecutive_failures: 10 });
    expect(listed.paused_at).not.toBeNull();
    // paused: nothing is sent, nothing new is queued
    await makeDue(subscription.id);
    expect(await run()).toBe(0);
    expect(await enqueueLatest(await assignedCase())).toBe(0);
    const [delivery] = await deliveriesOf(subscription.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 10 });
    expect(delivery?.log).toHaveLength(10);

    const asOperator = await api.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${subscription.id}/resume`,
      headers: operator.auth,
    });
    expect(asOperator.statusCode).toBe(403);
    const resumed = await api.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${subscription.id}/resume`,
      headers: admin.auth,
    });
    expect(resumed.json()).toMatchObject({ status: 'active', consecutive_failures: 0, paused_at: null });
    hook.status = () => 200;
    expect(await run()).toBe(1);
    expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ status: 'delivered', attempts: 11 });

    // a receiver that is not there at all: the error is logged
    await hook.close();
    expect(await enqueueLatest(await assignedCase())).toBe(1);
    expect(await run()).toBe(1);
    const [down] = await deliveriesOf(subscription.id);
    expect(down?.status).toBe('pending');
    expect(down?.log[0]?.status_code).toBeNull();
    expect(down?.log[0]?.error).toBeTruthy();
    await remove(subscription.id);
    await makeDue(subscription.id);
    expect(await run()).toBe(0);
  });

  it('sends each delivery once when two servers run the task at the same moment', async () => {
    const hook = await receiver();
    const { subscription } = await subscribe({ url: hook.url, events: ['assigned'] });
    for (let i = 0; i < 3; i += 1) expect(await enqueueLatest(await assignedCase())).toBe(1);
    const second = t.url ? await openPostgres(t.url, 2) : t.db;
    try {
      const counts = await Promise.all([
        sendDueWebhooks(t.db, outboundPolicy(true), { batch: 2 }),
        sendDueWebhooks(second, outboundPolicy(true), { batch: 2 }),
      ]);
      expect(counts[0] + counts[1]).toBe(3);
    } finally {
      if (second !== t.db) await second.close();
    }
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['x-citypulse-delivery'])).size).toBe(3);
    await remove(subscription.id);
  });
});
