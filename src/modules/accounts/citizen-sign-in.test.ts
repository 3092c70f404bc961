import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function requestCode(phone: string, remoteAddress = '198.51.100.1') {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/code', payload: { phone }, remoteAddress });
}

async function verify(
  phone: string,
  code: string,
  extra: Record<string, unknown> = {},
  remoteAddress = '198.51.100.1',
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/code/verify',
    payload: { phone, code, ...extra },
    remoteAddress,
  });
}

describe('citizen sign-in with a phone number and a one-time code', () => {
  it('signs a new citizen in with a cookie session, and the cookie opens /me', async () => {
    const sent = await requestCode('0905 111 222');
    expect(sent.statusCode).toBe(202);
    expect(sent.json().phone).not.toContain('111222');
    const code = t.sms.lastCodeFor('+84905111222');

    const signedIn = await verify('0905111222', code);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ role: 'citizen', phone: '+84905111222' });
    expect(signedIn.json().token).toBeUndefined();
    const cookie = signedIn.cookies.find((c) => c.name === 'citypulse_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { citypulse_session: cookie?.value ?? '' },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(signedIn.json().user.id);
  });

  it('treats 0905..., +84905... and 84905... as one number and one citizen', async () => {
    const ids = new Set<string>();
    for (const [i, written] of ['0905333444', '+84905333444', '84905333444', '+84 905.333.444'].entries()) {
      const remote = `198.51.100.${10 + i}`;
      expect((await requestCode(written, remote)).statusCode).toBe(202);
      const response = await verify(written, t.sms.lastCodeFor('+84905333444'), { session_type: 'bearer' }, remote);
      expect(response.statusCode).toBe(200);
      expect(response.json().token).toMatch(/^cps_/);
      ids.add(response.json().user.id);
      // the per-number limit is three codes in ten minutes; forget them for this test
      await t.db.query(`DELETE FROM rate_limit_counters WHERE bucket LIKE 'otp:phone%'`);
    }
    expect(ids.size).toBe(1);
  });

  it.each(['12345', '0905', 'abcdefghij', '+1 202 555 0100x', '090512345678901'])(
    'refuses the malformed number %s with a 400 and sends nothing',
    async (phone) => {
      const before = t.sms.sent.length;
      const response = await requestCode(phone);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toMatch(/invalid_phone|validation_failed/);
      expect(t.sms.sent.length).toBe(before);
    },
  );

  it('stores only a hash of the code', async () => {
    await requestCode('0905444555', '198.51.100.30');
    const code = t.sms.lastCodeFor('+84905444555');
    const { rows } = await t.db.query<{ code_hash: string }>('SELECT code_hash FROM otp_codes WHERE phone = $1', [
      '+84905444555',
    ]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.code_hash).not.toContain(code);
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('allows five tries, then the code is dead even when right', async () => {
    await requestCode('0905555666', '198.51.100.31');
    const code = t.sms.lastCodeFor('+84905555666');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await verify('0905555666', wrong, {}, '198.51.100.31');
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({ code: 'invalid_code', details: { attempts_left: 5 - attempt } });
    }
    const sixth = await verify('0905555666', code, {}, '198.51.100.31');
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().error.code).toBe('code_locked');
  });

  it('compares exactly five of thirty wrong codes sent at once; the others find the code locked', async () => {
    await requestCode('0905444555', '198.51.100.34');
    const code = t.sms.lastCodeFor('+84905444555');
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => verify('0905444555', wrong, {}, `203.0.113.${i + 1}`)),
    );
    const codes = answers.map((answer) => answer.json().error.code);
    expect(codes.filter((c) => c === 'invalid_code')).toHaveLength(5);
    expect(codes.filter((c) => c === 'code_locked')).toHaveLength(25);
    expect((await verify('0905444555', code, {}, '203.0.113.99')).json().error.code).toBe('code_locked');
  });

  it('refuses a code older than five minutes', async () => {
    await requestCode('0905666777', '198.51.100.32');
    const code = t.sms.lastCodeFor('+84905666777');
    await t.db.query(`UPDATE otp_codes SET expires_at = now() - interval '1 second' WHERE phone = '+84905666777'`);
    const response = await verify('0905666777', code, {}, '198.51.100.32');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('code_expired');
  });

  it('makes a code usable once, and an older code dead when a new one is sent', async () => {
    await requestCode('0905777888', '198.51.100.33');
    const first = t.sms.lastCodeFor('+84905777888');
    await requestCode('0905777888', '198.51.100.33');
    const second = t.sms.lastCodeFor('+84905777888');
    if (first !== second) expect((await verify('0905777888', first, {}, '198.51.100.33')).statusCode).toBe(401);
    expect((await verify('0905777888', second, {}, '198.51.100.33')).statusCode).toBe(200);
    expect((await verify('0905777888', second, {}, '198.51.100.33')).statusCode).toBe(401);
  });

  it('limits codes per number, with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await requestCode('0905888999', `198.51.100.${40 + i}`));
    expect(answers.slice(0, 3).map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(answers[3]?.statusCode).toBe(429);
    expect(answers[3]?.json().error.code).toBe('rate_limited');
    expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits codes per IP address across numbers', async () => {
    const statuses = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await requestCode(`09061000${String(i).padStart(2, '0')}`, '198.51.100.99')).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('does not sign staff in by phone', async () => {
    await t.db.query(
      `INSERT INTO users (role, email, phone, password_hash) VALUES ('operator', 'op-phone@test.example', '+84907000111', 'x')`,
    );
    await requestCode('0907000111', '198.51.100.50');
    const response = await verify('0907000111', t.sms.lastCodeFor('+84907000111'), {}, '198.51.100.50');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('staff_account');
  });

  it('rejects a code that is not six digits by schema', async () => {
    const response = await verify('0905111222', '12ab56');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });
});
