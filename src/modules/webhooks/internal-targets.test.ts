// Webhooks are no port scanner: with private destinations not allowed (production), admins
// cannot subscribe internal addresses, and a name that later resolves inside is refused at
// delivery without contacting it; the delivery log then says only that it was refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { outboundPolicy, type Resolver } from '../../platform/net/outbound-guard.js';
import { sendDueWebhooks } from './sender.js';
import { createSubscription } from './service.js';

let t: TestApp;
let admin: TestUser;
let operator: TestUser;
let citizen: TestUser;
let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: 'false' } });
  admin = await createUser(t.db, 'admin');
  operator = await createUser(t.db, 'operator');
  citizen = await createUser(t.db, 'citizen');
  server = createServer((_request, response) => {
    hits += 1;
    response.statusCode = 418;
    response.end('postgres says hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

describe('webhook destinations in production', () => {
  it.each([
    'http://127.0.0.1:9/x',
    'http://localhost:5432/',
    'http://[::1]:8080/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/',
    'http://[::ffff:127.0.0.1]/',
  ])('refuses to subscribe %s with 400 url_not_allowed', async (url) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.auth,
      payload: { url },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('url_not_allowed');
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_subscriptions');
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses at delivery a name that now resolves to an internal address, without contacting it', async () => {
    const publicThen: Resolver = async () => [{ address: '93.184.215.14', family: 4 }];
    const { subscription } = await createSubscription(
      t.db,
      outboundPolicy(false, publicThen),
      { url: `http://hooks.example:${port}/citypulse` },
      { actor: { userId: admin.id, role: 'admin' }, ip: null, userAgent: null },
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: { description: 'Mất nước từ sáng', category: 'water_supply', lat: 16.4698, lon: 107.5786 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const assigned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.json().id}/assign`,
      headers: operator.auth,
      payload: { agency: 'water' },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const { rows: queued } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1',
      [subscription.id],
    );
    expect(queued[0]?.n).toBeGreaterThan(0);

    const rebound: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(await sendDueWebhooks(t.db, outboundPolicy(false, rebound))).toBeGreaterThan(0);
    expect(hits).toBe(0);
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${subscription.id}/deliveries`,
      headers: admin.auth,
    });
    const attempts = (log.json().items as { log: { status_code: number | null; error: string }[] }[]).flatMap(
      (d) => d.log,
    );
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) {
      expect(attempt.status_code).toBeNull();
      expect(attempt.error).toMatch(/internal address \(loopback\)/);
      expect(attempt.error).not.toMatch(/418|hello|ECONNREFUSED/);
    }
  });
});
