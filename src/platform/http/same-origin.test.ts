// A write with a session cookie must come from our own origin: a cross-site Origin or
// Sec-Fetch-Site is a 403; our own pages, clients that send neither header, and bearer
// tokens keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createSession, SESSION_COOKIE } from '../../modules/accounts/sessions.js';

let t: TestApp;
let operator: TestUser;
let cookie: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ pack: false });
  operator = await createUser(t.db, 'operator');
  const session = await createSession(t.db, {
    userId: operator.id,
    kind: 'cookie',
    label: 'browser',
    ttlDays: 1,
    ip: null,
    userAgent: null,
  });
  cookie = { [SESSION_COOKIE]: session.token };
});
afterAll(() => t.close());

const createToken = (headers: Record<string, string>, cookies?: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: { host: 'city.example', ...headers },
    cookies,
    payload: { label: 'script' },
  });

describe('cookie-authenticated writes', () => {
  it('are refused from another site, by Origin or by Sec-Fetch-Site', async () => {
    const crossSiteHeaders: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'https://city.example.evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://city.example' },
    ];
    for (const headers of crossSiteHeaders) {
      const response = await createToken(headers, cookie);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.json().error.code).toBe('cross_site_request');
    }
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND label = 'script'`,
      [operator.id],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('work from our own pages and from clients that send no Origin', async () => {
    expect(
      (await createToken({ origin: 'https://city.example', 'sec-fetch-site': 'same-origin' }, cookie)).statusCode,
    ).toBe(201);
    expect((await createToken({ origin: 'http://city.example' }, cookie)).statusCode).toBe(201);
    expect((await createToken({}, cookie)).statusCode).toBe(201);
  });

  it('leave bearer tokens and reads alone', async () => {
    expect((await createToken({ ...operator.auth, origin: 'https://evil.example' })).statusCode).toBe(201);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      cookies: cookie,
    });
    expect(read.statusCode).toBe(200);
  });
});
