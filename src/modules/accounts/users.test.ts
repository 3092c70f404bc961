import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('staff accounts', () => {
  it('an admin creates an agency staff account whose temporary password must be changed', async () => {
    const admin = await createUser(t.db, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        email: 'New.Staff@Hepco.example',
        display_name: 'Lê Văn Cường',
        role: 'agency_staff',
        agency_code: 'hepco',
      },
    });
    expect(created.statusCode).toBe(201);
    const { user, temporary_password } = created.json();
    expect(user).toMatchObject({ email: 'new.staff@hepco.example', agency_code: 'hepco', must_change_password: true });
    expect(temporary_password.length).toBeGreaterThanOrEqual(12);

    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { email: 'new.staff@hepco.example', password: temporary_password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.must_change_password).toBe(true);
  });

  it('refuses an agency role without an agency, an unknown agency and a taken email, creating nothing', async () => {
    const admin = await createUser(t.db, 'admin');
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n;
    const before = await count();
    const cases = [
      [{ email: 'a@x.example', display_name: 'A', role: 'agency_staff' }, 400, 'agency_required'],
      [{ email: 'b@x.example', display_name: 'B', role: 'agency_staff', agency_code: 'nope' }, 400, 'unknown_agency'],
      [{ email: 'c@x.example', display_name: 'C', role: 'operator', agency_code: 'hepco' }, 400, 'agency_not_allowed'],
      [{ email: admin.email, display_name: 'D', role: 'operator' }, 409, 'email_taken'],
      [{ email: 'not-an-email', display_name: 'E', role: 'operator' }, 400, 'validation_failed'],
      [{ email: 'f@x.example', display_name: 'F', role: 'citizen' }, 400, 'validation_failed'],
      [{ email: 'g@x.example', display_name: 'G', role: 'operator', is_god: true }, 400, 'validation_failed'],
    ] as const;
    for (const [payload, status, code] of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
    expect(await count()).toBe(before);
  });

  it('disabling an account revokes its sessions', async () => {
    const admin = await createUser(t.db, 'admin');
    const staff = await createUser(t.db, 'agency_staff', { agencyCode: 'doc' });
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${staff.id}`,
      headers: admin.auth,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().disabled).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: staff.auth })).statusCode).toBe(401);
  });

  it('moving a staff member to another agency takes effect at once', async () => {
    const admin = await createUser(t.db, 'admin');
    const staff = await createUser(t.db, 'agency_admin', { agencyCode: 'doc' });
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${staff.id}`,
      headers: admin.auth,
      payload: { agency_code: 'water' },
    });
    expect(moved.json().agency_code).toBe('water');
    // the old session was granted for the old agency
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: staff.auth })).statusCode).toBe(401);
  });

  it("an agency admin sees their own agency's staff, and not another agency's", async () => {
    const wardAdmin = await createUser(t.db, 'agency_admin', { agencyCode: 'ward-19753' });
    const colleague = await createUser(t.db, 'agency_staff', { agencyCode: 'ward-19753' });
    await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agencies/ward-19753/staff',
      headers: wardAdmin.auth,
    });
    expect(own.statusCode).toBe(200);
    const emails = (own.json().items as Array<{ email: string; agency_code: string }>).map((u) => u.email);
    expect(emails).toContain(colleague.email);
    expect(own.json().items.every((u: { agency_code: string }) => u.agency_code === 'ward-19753')).toBe(true);

    const other = await t.app.inject({ method: 'GET', url: '/api/v1/agencies/hepco/staff', headers: wardAdmin.auth });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('other_agency');
  });

  it('pages through staff with a cursor', async () => {
    const admin = await createUser(t.db, 'admin');
    for (let i = 0; i < 5; i++) await createUser(t.db, 'operator');
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after ? `&after=${encodeURIComponent(after)}` : '';
      const page = await t.app.inject({
        method: 'GET',
        url: `/api/v1/users?role=operator&limit=2${query}`,
        headers: admin.auth,
      });
      expect(page.statusCode).toBe(200);
      for (const user of page.json().items) seen.add(user.id);
      after = page.json().next;
      pages++;
    } while (after && pages < 20);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'operator'`);
    expect(seen.size).toBe(rows[0]?.n);
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});
