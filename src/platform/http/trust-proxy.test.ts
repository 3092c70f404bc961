// TRUST_PROXY believes only the hops it is told to: a client that writes its own
// X-Forwarded-For cannot change its address beyond them, so the sign-in lockout and the
// audit log see the real client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';

const signIn = (t: TestApp, forwardedFor: string, remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    payload: { email: `nobody-${Math.random()}@test.example`, password: 'not the password' },
    headers: { 'x-forwarded-for': forwardedFor },
    remoteAddress,
  });

async function lastFailedSignInIp(t: TestApp): Promise<string | null> {
  const { rows } = await t.db.query<{ ip: string | null }>(
    `SELECT ip::text AS ip FROM audit_log WHERE action = 'auth.sign_in_failed' ORDER BY id DESC LIMIT 1`,
  );
  return rows[0]?.ip?.replace(/\/32$/, '') ?? null;
}

describe('TRUST_PROXY as a hop count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ pack: false, env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  it('takes the address the one trusted proxy saw, whatever the client wrote before it', async () => {
    const response = await signIn(t, '1.2.3.4, 198.51.100.7', '10.0.0.2');
    expect(response.statusCode).toBe(401);
    expect(await lastFailedSignInIp(t)).toBe('198.51.100.7');
  });

  it('locks out one client that rotates forged addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await signIn(t, `203.0.113.${i}, 198.51.100.9`, '10.0.0.2')).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('TRUST_PROXY as the proxies addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ pack: false, env: { TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
  });
  afterAll(() => t.close());

  it('believes X-Forwarded-For only from a listed proxy', async () => {
    await signIn(t, '1.2.3.4, 198.51.100.8', '127.0.0.1');
    expect(await lastFailedSignInIp(t)).toBe('198.51.100.8');
    // two trusted hops in a row: the first untrusted one from the right is the client
    await signIn(t, '1.2.3.4, 198.51.100.10, 10.1.1.1', '10.0.0.2');
    expect(await lastFailedSignInIp(t)).toBe('198.51.100.10');
    // a client that is no proxy cannot speak for anyone
    await signIn(t, '198.51.100.11', '203.0.113.50');
    expect(await lastFailedSignInIp(t)).toBe('203.0.113.50');
  });
});
