// /metrics tells an attacker the routes, the pool and the memory: in production it needs the
// METRICS_TOKEN bearer token (closed without one); development keeps it open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testClassifier } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { DEFAULT_CASE_SETTINGS } from '../../modules/cases/settings.js';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import type { App } from './types.js';

const PRODUCTION = { NODE_ENV: 'production', SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms' };
const TOKEN = 'metrics-token-for-the-test-0123';
const opened: App[] = [];
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.db);
});
afterAll(async () => {
  await Promise.all(opened.map((app) => app.close()));
  await database.close();
});

/** The app as configured by env, on one shared database: only the configuration differs. */
async function app(env: Record<string, string>): Promise<{ app: App }> {
  const built = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
    db: database.db,
    caseSettings: DEFAULT_CASE_SETTINGS,
    triage: await testClassifier(),
  });
  opened.push(built);
  return { app: built };
}

describe('GET /metrics', () => {
  it('is closed in production without METRICS_TOKEN', async () => {
    const t = await app(PRODUCTION);
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('metrics_closed');
  });

  it('in production answers only the right bearer token', async () => {
    const t = await app({ ...PRODUCTION, METRICS_TOKEN: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().error.code).toBe('metrics_token_required');
    }
    const allowed = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toMatch(/http_requests_total/);
  });

  it('stays open in development', async () => {
    const t = await app({ NODE_ENV: 'development' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a short METRICS_TOKEN at start', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
  });
});
