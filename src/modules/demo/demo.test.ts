// The demo city's first start on an empty database: the figures the newcomer is promised,
// read through the real API, a second run that writes nothing, and DEMO_DATA=off.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { loadConfig } from '../../platform/config.js';
import { DEMO_CITIZENS, seedDemoUsers } from '../accounts/demo-users.js';
import { createSession } from '../accounts/sessions.js';
import { createStorage } from '../media/storage/index.js';
import { type DemoFillResult, fillDemoData, wantsDemoData } from './fill.js';

let t: TestApp;
let first: DemoFillResult;
const log = pino({ level: 'silent' });

async function signedIn(key: { email?: string; phone?: string }) {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1 OR phone = $2', [
    key.email ?? null,
    key.phone ?? null,
  ]);
  const userId = rows[0]?.id as string;
  const session = await createSession(t.db, {
    userId,
    kind: 'bearer',
    label: 'test',
    ttlDays: 1,
    ip: null,
    userAgent: null,
  });
  return { authorization: `Bearer ${session.token}` };
}

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}

const storageOf = (app: TestApp) => createStorage({ dataDir: app.dataDir, mediaStorage: 'local', s3: undefined });

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoUsers(t.db);
  // the real default: 3,000 cases (about 15 s on the embedded database)
  first = await fillDemoData(t.db, { storage: storageOf(t), settings: t.caseSettings, log });
}, 120_000);
afterAll(() => t.close());

describe('the demo city on its first start', () => {
  it('writes a six-month history of about 3,000 cases in every state', async () => {
    expect(first.written.cases).toMatchObject({ cases: 3000 });
    const { rows } = await t.db.query<{ state: string; n: number; oldest: Date }>(
      `SELECT state, count(*)::int AS n, min(created_at) AS oldest FROM cases GROUP BY state`,
    );
    const states = new Map(rows.map((row) => [row.state, row.n]));
    for (const state of ['submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'resolved']) {
      expect(states.get(state), state).toBeGreaterThan(0);
    }
    for (const state of ['closed', 'rejected', 'merged']) expect(states.get(state), state).toBeGreaterThan(0);
    const oldest = Math.min(...rows.map((row) => row.oldest.getTime()));
    expect(Date.now() - oldest).toBeGreaterThan(150 * 24 * 3_600_000);
    const extras = await t.db.query<{ supported: number; photos: number; public_photos: number; english: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE supporter_count > 0) AS supported,
              (SELECT count(*)::int FROM case_media) AS photos,
              (SELECT count(*)::int FROM case_media cm JOIN media m ON m.id = cm.media_id WHERE m.public AND m.thumbnail_key IS NOT NULL) AS public_photos,
              (SELECT count(*)::int FROM cases WHERE description LIKE 'Hello, %' OR description LIKE '%Please fix it.') AS english`,
    );
    expect(extras.rows[0]?.supported).toBeGreaterThan(100);
    expect(extras.rows[0]?.photos).toBeGreaterThan(500);
    expect(extras.rows[0]?.public_photos).toBe(extras.rows[0]?.photos);
    expect(extras.rows[0]?.english).toBeGreaterThan(100);
  });

  it('shows at least 1,000 public reports on the public map, with photos served', async () => {
    let count = 0;
    let cursor: string | null = null;
    let photo: string | undefined;
    do {
      const page = await getJson(`/api/v1/public/reports?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      count += page.features.length;
      photo ??= JSON.stringify(page).match(/\/api\/v1\/media\/[0-9a-f-]+\/thumbnail/)?.[0];
      cursor = page.next ?? null;
    } while (cursor && count < 1000);
    expect(count).toBeGreaterThanOrEqual(1000);
    expect(photo).toBeDefined();
    const thumbnail = await t.app.inject({ method: 'GET', url: photo as string });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
  });

  it("gives each demo agency's queue open and overdue cases, and the operator new ones", async () => {
    for (const email of ['hepco@citypulse.example', 'doc@citypulse.example', 'ward-19753@citypulse.example']) {
      const queue = await getJson('/api/v1/cases?limit=200', await signedIn({ email }));
      const open = queue.items.filter((c: { state: string }) => !['closed', 'rejected', 'merged'].includes(c.state));
      expect(open.length, email).toBeGreaterThan(2);
      const overdue = open.filter((c: { due_at: string | null }) => c.due_at && Date.parse(c.due_at) < Date.now());
      expect(overdue.length, email).toBeGreaterThan(0);
    }
    const ioc = await getJson('/api/v1/cases?state=submitted', await signedIn({ email: 'ioc@citypulse.example' }));
    expect(ioc.items.length).toBeGreaterThan(0);
  });

  it('gives both demo citizens reports in several states and an inbox', async () => {
    for (const citizen of DEMO_CITIZENS) {
      const auth = await signedIn({ phone: citizen.phone });
      const reports = await getJson('/api/v1/me/reports?limit=100', auth);
      const states = new Set(reports.items.map((r: { state: string }) => r.state));
      expect(states.size, `${citizen.localPhone}: ${[...states]}`).toBeGreaterThanOrEqual(3);
      const inbox = await getJson('/api/v1/me/notifications', auth);
      expect(inbox.items.length, citizen.localPhone).toBeGreaterThan(5);
    }
  });

  it('publishes every figure of the public dashboard and transparency page', async () => {
    const summary = await getJson('/api/v1/public/dashboard/summary');
    for (const [name, value] of Object.entries(summary.measures)) expect(value, name).not.toBeNull();
    expect(summary.measures.received).toBeGreaterThan(300);
    // every category's figures (reports not yet given a category are never rated)
    const categories = await getJson('/api/v1/public/dashboard/breakdown?by=category');
    const named = categories.rows.filter((row: { key: string | null }) => row.key !== null);
    expect(named.length).toBe(17);
    for (const row of named) {
      for (const [name, value] of Object.entries(row.measures)) expect(value, `${row.key} ${name}`).not.toBeNull();
    }
    // the busiest agencies' and areas' too
    for (const by of ['agency', 'area']) {
      const breakdown = await getJson(`/api/v1/public/dashboard/breakdown?by=${by}`);
      for (const row of breakdown.rows.filter((r: { key: string | null }) => r.key !== null).slice(0, 5)) {
        for (const [name, value] of Object.entries(row.measures))
          expect(value, `${by} ${row.key} ${name}`).not.toBeNull();
      }
    }
  });

  it('writes nothing on a second start', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events');
    const again = await fillDemoData(t.db, { storage: storageOf(t), settings: t.caseSettings, log });
    expect(again.written).toEqual({});
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});

describe('when demo data is not wanted', () => {
  it('writes none with DEMO_DATA=off, in production, or without a demo pack', async () => {
    expect(await wantsDemoData(t.db, loadConfig({ DEMO_DATA: 'off' }))).toBe(false);
    expect(
      await wantsDemoData(t.db, loadConfig({ NODE_ENV: 'production', SMS_GATEWAY_URL: 'https://sms.example/send' })),
    ).toBe(false);
    expect(await wantsDemoData(t.db, loadConfig({}))).toBe(true);
    const other = await createTestApp({ pack: false });
    try {
      expect(await wantsDemoData(other.db, loadConfig({}))).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('skips the cases of a database that already has some', async () => {
    const used = await createTestApp();
    try {
      await used.app.inject({ method: 'GET', url: '/health' });
      await used.db.query(`INSERT INTO users (role, phone, display_name) VALUES ('citizen', '+84911111111', 'X')`);
      const { rows } = await used.db.query<{ id: string }>(`SELECT id FROM users WHERE phone = '+84911111111'`);
      const session = await createSession(used.db, {
        userId: rows[0]?.id as string,
        kind: 'bearer',
        label: 'test',
        ttlDays: 1,
        ip: null,
        userAgent: null,
      });
      const filed = await used.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { authorization: `Bearer ${session.token}` },
        payload: { description: 'Ổ gà trên đường Lê Lợi', lat: 16.4698, lon: 107.5786 },
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const result = await fillDemoData(used.db, { storage: storageOf(used), settings: used.caseSettings, log });
      expect(result.written.cases).toEqual({ skipped: 'the database already has cases' });
      const count = await used.db.query<{ n: number; media: number }>(
        'SELECT (SELECT count(*)::int FROM cases) AS n, (SELECT count(*)::int FROM media) AS media',
      );
      expect(count.rows[0]).toEqual({ n: 1, media: 0 });
    } finally {
      await used.close();
    }
  });
});
