// An agency admin creates their own agency's staff accounts (their agency only, as agency
// staff, with the forced first-password change the admin flow has) (issue 19, point 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let wardAdmin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  wardAdmin = await createUser(t.db, 'agency_admin', { agencyCode: 'ward-19753' });
});
afterAll(() => t.close());

const create = (user: TestUser, agency: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/agencies/${agency}/staff`, headers: user.auth, payload });
const accounts = async (email: string) =>
  (await t.db.query('SELECT id FROM users WHERE email = $1', [email])).rows.length;

describe("an agency admin's own staff", () => {
  it('creates an agency staff account in their agency, whose first password must be changed', async () => {
    const created = await create(wardAdmin, 'ward-19753', {
      email: 'Tran.Thi.Lan@PhuXuan.example',
      display_name: 'Trần Thị Lan',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { user, temporary_password } = created.json();
    expect(user).toMatchObject({
      email: 'tran.thi.lan@phuxuan.example',
      role: 'agency_staff',
      agency_code: 'ward-19753',
      must_change_password: true,
    });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { email: 'tran.thi.lan@phuxuan.example', password: temporary_password, session_type: 'bearer' },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().user.must_change_password).toBe(true);
    // the audit log says who made it
    const { rows } = await t.db.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_log WHERE action = 'user.created' AND target_id = $1`,
      [user.id],
    );
    expect(rows[0]?.actor_id).toBe(wardAdmin.id);
  });

  it("refuses another agency's staff, other roles and bad input, creating nothing", async () => {
    const other = await create(wardAdmin, 'hepco', { email: 'x1@hepco.example', display_name: 'X' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('other_agency');
    expect(await accounts('x1@hepco.example')).toBe(0);

    const withRole = await create(wardAdmin, 'ward-19753', {
      email: 'x2@phuxuan.example',
      display_name: 'X',
      role: 'admin',
    });
    expect(withRole.statusCode).toBe(400);
    expect(await accounts('x2@phuxuan.example')).toBe(0);

    const badEmail = await create(wardAdmin, 'ward-19753', { email: 'not-an-email', display_name: 'X' });
    expect(badEmail.statusCode).toBe(400);

    const staff = await createUser(t.db, 'agency_staff', { agencyCode: 'ward-19753' });
    const byStaff = await create(staff, 'ward-19753', { email: 'x3@phuxuan.example', display_name: 'X' });
    expect(byStaff.statusCode).toBe(403);
    expect(await accounts('x3@phuxuan.example')).toBe(0);

    const taken = await create(wardAdmin, 'ward-19753', { email: staff.email, display_name: 'X' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('email_taken');
  });

  it('lets the system admin create staff in any agency through the same route', async () => {
    const admin = await createUser(t.db, 'admin');
    const created = await create(admin, 'hepco', { email: 'x4@hepco.example', display_name: 'Nguyễn Văn A' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user).toMatchObject({ agency_code: 'hepco', role: 'agency_staff' });
    const unknown = await create(admin, 'no-such-agency', { email: 'x5@x.example', display_name: 'X' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_agency');
  });
});
