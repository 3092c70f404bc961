// Passwords that guessers try first are refused wherever a password is set; the current
// password can be tried only a few times at /auth/password/change; and the city always keeps
// one active admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PASSWORD_CHANGE_ATTEMPTS } from './password-change-limit.js';
import { hashPassword } from './passwords.js';
import { createStaffUser } from './users.js';

let t: TestApp;
let hash: string;
beforeAll(async () => {
  t = await createTestApp({ pack: false });
  hash = await hashPassword('correct horse battery');
});
afterAll(() => t.close());

const change = (user: TestUser, current: string, next: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password/change',
    headers: user.auth,
    payload: { current_password: current, new_password: next },
  });

describe('password rules', () => {
  it.each([
    'aaaaaaaaaaaa',
    'abababababab',
    'abcabcabcabc',
    '123456789012',
    'Password2024!',
    'qwertyuiop12',
    '!!matkhau12345',
    'anhyeuem1234',
  ])('refuses %s as a new password', async (weak) => {
    const user = await createUser(t.db, 'operator', { passwordHash: hash });
    const response = await change(user, 'correct horse battery', weak);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('weak_password');
  });

  it('accepts a long password of many different characters', async () => {
    const user = await createUser(t.db, 'operator', { passwordHash: hash });
    expect((await change(user, 'correct horse battery', 'river lantern 47 citadel')).statusCode).toBe(204);
  });

  it('refuses a weak password when a staff account is created with one', async () => {
    await expect(
      createStaffUser(
        t.db,
        { email: 'weak@test.example', displayName: 'Weak', role: 'operator', password: 'aaaaaaaaaaaa' },
        { actor: null, ip: null, userAgent: null },
      ),
    ).rejects.toMatchObject({ code: 'weak_password' });
  });
});

describe('attempts at changing the password', () => {
  it(`let ${PASSWORD_CHANGE_ATTEMPTS} guesses through, even sent all at once, then answer 429`, async () => {
    const user = await createUser(t.db, 'operator', { passwordHash: hash });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => change(user, `guess number ${i}`, 'river lantern 47 citadel')),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PASSWORD_CHANGE_ATTEMPTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - PASSWORD_CHANGE_ATTEMPTS);
    const limited = answers.find((a) => a.statusCode === 429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    // the right password waits too, until the window moves on
    expect((await change(user, 'correct horse battery', 'river lantern 47 citadel')).statusCode).toBe(429);
    await t.db.query(
      `UPDATE password_change_attempts SET window_started_at = now() - interval '1 hour' WHERE user_id = $1`,
      [user.id],
    );
    expect((await change(user, 'correct horse battery', 'river lantern 47 citadel')).statusCode).toBe(204);
  });
});

describe('the last active admin', () => {
  const patch = (by: TestUser, id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: by.auth, payload });

  it('cannot be demoted or disabled; another admin can be', async () => {
    // this database has no other admins: the two made here are all of them
    const first = await createUser(t.db, 'admin');
    const second = await createUser(t.db, 'admin');
    expect((await patch(first, second.id, { disabled: true })).statusCode).toBe(200);

    const demoteSelf = await patch(first, first.id, { role: 'operator' });
    expect(demoteSelf.statusCode, demoteSelf.body).toBe(409);
    expect(demoteSelf.json().error.code).toBe('last_admin');

    const third = await createUser(t.db, 'admin');
    expect((await patch(third, first.id, { role: 'operator' })).statusCode).toBe(200);
    const demoteLast = await patch(third, third.id, { role: 'operator' });
    expect(demoteLast.statusCode).toBe(409);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
