import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { hashPassword } from '../accounts/passwords.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.query(`INSERT INTO users (role, email, password_hash) VALUES ('operator', 'audited@test.example', $1)`, [
    await hashPassword('the right password'),
  ]);
});
afterAll(() => t.close());

const signIn = (password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    payload: { email: 'audited@test.example', password },
    remoteAddress: '192.0.2.77',
    headers: { 'user-agent': 'AuditTest/1.0' },
  });

describe('audit log', () => {
  it('records sign-ins and failed sign-ins with who, when and from where', async () => {
    expect((await signIn('a wrong password')).statusCode).toBe(401);
    expect((await signIn('the right password')).statusCode).toBe(200);
    const admin = await createUser(t.db, 'admin');
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth&limit=10', headers: admin.auth });
    expect(page.statusCode).toBe(200);
    const [success, failure] = page.json().items;
    expect(success).toMatchObject({ action: 'auth.sign_in', actor_label: 'audited@test.example', ip: '192.0.2.77' });
    expect(success.user_agent).toBe('AuditTest/1.0');
    expect(new Date(success.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(failure).toMatchObject({
      action: 'auth.sign_in_failed',
      actor_id: null,
      details: { reason: 'wrong_password' },
    });
    expect(JSON.stringify(page.json())).not.toContain('a wrong password');
  });

  it('records admin changes with the admin as actor', async () => {
    const admin = await createUser(t.db, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: { email: 'fresh@test.example', display_name: 'Fresh', role: 'operator' },
    });
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=user.created', headers: admin.auth });
    const entry = page.json().items[0];
    expect(entry).toMatchObject({ actor_id: admin.id, actor_role: 'admin', target_id: created.json().user.id });
    expect(JSON.stringify(entry)).not.toContain(created.json().temporary_password);
  });

  it('masks phone numbers of citizens who ask for codes', async () => {
    const admin = await createUser(t.db, 'admin');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/code', payload: { phone: '0912345678' } });
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=auth.code_requested',
      headers: admin.auth,
    });
    const text = JSON.stringify(page.json());
    expect(page.json().items.length).toBe(1);
    expect(text).not.toContain('912345678');
    expect(text).not.toContain('0912345678');
  });

  it('pages newest first without gaps or repeats', async () => {
    const admin = await createUser(t.db, 'admin');
    for (let i = 0; i < 7; i++) await signIn(`wrong ${i}`);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    const ids: number[] = [];
    let before: number | null = null;
    do {
      const suffix: string = before ? `&before=${before}` : '';
      const page = await t.app.inject({ method: 'GET', url: `/api/v1/audit?limit=3${suffix}`, headers: admin.auth });
      ids.push(...page.json().items.map((item: { id: number }) => item.id));
      before = page.json().next_before;
    } while (before);
    expect(ids.length).toBe(rows[0]?.n);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cannot be changed or deleted, even with SQL', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
