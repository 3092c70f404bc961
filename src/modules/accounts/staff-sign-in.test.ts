import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { hashPassword } from './passwords.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const hash = await hashPassword('correct horse battery');
  await t.db.query(
    `INSERT INTO users (role, email, display_name, password_hash, must_change_password, agency_id)
     VALUES ('agency_staff', 'worker@test.example', 'Worker', $1, false, (SELECT id FROM agencies WHERE code = 'hepco')),
            ('operator', 'newbie@test.example', 'Newbie', $1, true, NULL),
            ('operator', 'target@test.example', 'Target', $1, false, NULL)`,
    [hash],
  );
});
afterAll(() => t.close());

const signIn = (email: string, password: string, extra: Record<string, unknown> = {}, remoteAddress = '192.0.2.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { email, password, ...extra }, remoteAddress });

describe('staff sign-in with email and password', () => {
  it('signs in with the right password (email case does not matter) and shows the agency', async () => {
    const response = await signIn('Worker@Test.Example', 'correct horse battery', { session_type: 'bearer' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ role: 'agency_staff', agency: { code: 'hepco' }, must_change_password: false });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.json().email).toBe('worker@test.example');
  });

  it('stores passwords as argon2id hashes', async () => {
    const { rows } = await t.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE email = 'worker@test.example'`,
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await signIn('worker@test.example', 'not the password', {}, '192.0.2.2');
    const unknown = await signIn('nobody@test.example', 'whatever it is', {}, '192.0.2.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('slows guessing on one account: after five failures even the right password waits', async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn('target@test.example', `guess ${i}`, {}, `192.0.2.${10 + i}`)).statusCode).toBe(401);
    const blocked = await signIn('target@test.example', 'correct horse battery', {}, '192.0.2.20');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // other accounts are not affected
    expect((await signIn('worker@test.example', 'correct horse battery', {}, '192.0.2.21')).statusCode).toBe(200);
  });

  it('checks exactly five of thirty wrong passwords sent at once, and refuses the rest with 429', async () => {
    await t.db.query(
      `INSERT INTO users (role, email, password_hash) SELECT 'operator', 'rushed@test.example', password_hash
         FROM users WHERE email = 'worker@test.example'`,
    );
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn('rushed@test.example', `guess number ${i}`, {}, `192.0.2.${100 + i}`),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    for (const refused of answers.filter((answer) => answer.statusCode === 429)) {
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // what was checked is what the audit log saw fail
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id = a.target_id::uuid
        WHERE a.action = 'auth.sign_in_failed' AND u.email = 'rushed@test.example'`,
    );
    expect(rows[0]?.n).toBe(5);
  });

  it('does not count a right password against the account', async () => {
    for (let i = 0; i < 8; i++) {
      const answer = await signIn('worker@test.example', 'correct horse battery', {}, '192.0.2.40');
      expect(answer.statusCode).toBe(200);
    }
  });

  it('slows guessing from one IP across accounts', async () => {
    for (let i = 0; i < 20; i++) await signIn(`spray${i}@test.example`, 'password1234', {}, '192.0.2.99');
    const blocked = await signIn('worker@test.example', 'correct horse battery', {}, '192.0.2.99');
    expect(blocked.statusCode).toBe(429);
  });

  it('requires a first password to be changed before anything else', async () => {
    const signedIn = await signIn(
      'newbie@test.example',
      'correct horse battery',
      { session_type: 'bearer' },
      '192.0.2.30',
    );
    expect(signedIn.json().user.must_change_password).toBe(true);
    const auth = { authorization: `Bearer ${signedIn.json().token}` };

    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: auth });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).statusCode).toBe(200);

    const tooShort = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/change',
      headers: auth,
      payload: { current_password: 'correct horse battery', new_password: 'short' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.code).toBe('weak_password');

    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/change',
      headers: auth,
      payload: { current_password: 'correct horse battery', new_password: 'a much longer passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth });
    expect(me.json().must_change_password).toBe(false);
    expect((await signIn('newbie@test.example', 'a much longer passphrase', {}, '192.0.2.31')).statusCode).toBe(200);
    expect((await signIn('newbie@test.example', 'correct horse battery', {}, '192.0.2.32')).statusCode).toBe(401);
  });

  it('marks the cookie Secure in production', async () => {
    const prod = await createTestApp({
      env: { NODE_ENV: 'production', SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms', LOG_LEVEL: 'silent' },
    });
    try {
      const hash = await hashPassword('correct horse battery');
      await prod.db.query(`INSERT INTO users (role, email, password_hash) VALUES ('admin', 'prod@test.example', $1)`, [
        hash,
      ]);
      const response = await prod.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { email: 'prod@test.example', password: 'correct horse battery' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'citypulse_session')?.secure).toBe(true);
    } finally {
      await prod.close();
    }
  });
});
