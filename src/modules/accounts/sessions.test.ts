import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sessions and tokens', () => {
  it('lists the own sessions, creates a named token shown once, and revokes it', async () => {
    const user = await createUser(t.db, 'operator');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.auth,
      payload: { label: 'night shift script', expires_in_days: 7 },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    const tokenAuth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: tokenAuth })).statusCode).toBe(200);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: user.auth });
    const items = list.json().items as Array<{ id: string; label: string; current: boolean }>;
    expect(items.map((s) => s.label).sort()).toEqual(['night shift script', 'test']);
    expect(items.find((s) => s.current)?.label).toBe('test');
    expect(JSON.stringify(list.json())).not.toContain(token);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${created.json().id}`,
      headers: user.auth,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: tokenAuth });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it("cannot revoke another user's session", async () => {
    const owner = await createUser(t.db, 'operator');
    const other = await createUser(t.db, 'operator');
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [owner.id]);
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${rows[0]?.id}`,
      headers: other.auth,
    });
    expect(response.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: owner.auth })).statusCode).toBe(200);
  });

  it('signs out: the token stops working and the cookie is cleared', async () => {
    const user = await createUser(t.db, 'citizen');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: user.auth });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'citypulse_session');
    expect(cleared?.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: user.auth })).statusCode).toBe(401);
  });

  it('refuses expired sessions and sessions of disabled users', async () => {
    const expired = await createUser(t.db, 'citizen');
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [expired.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: expired.auth })).statusCode).toBe(401);

    const disabled = await createUser(t.db, 'operator');
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: disabled.auth })).statusCode).toBe(401);
  });

  it('stores only a hash of each token', async () => {
    const user = await createUser(t.db, 'citizen');
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1', [
      user.id,
    ]);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(user.token.slice(4, 20));
  });

  it('ignores a garbage credential on a public route and refuses it on a private one', async () => {
    const headers = { authorization: 'Bearer cps_not-a-real-token' };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401);
  });
});
