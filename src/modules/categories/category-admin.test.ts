// Administrators change categories over HTTP: a new SLA applies to the next assignment, the
// kind must be one some agency takes, and each change is audited with what was before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
});
afterAll(() => t?.close());

function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, user = admin) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });
}

describe('PATCH /api/v1/categories/:code', () => {
  it('changes the SLA hours, which the next assignment counts its deadline from', async () => {
    const changed = await call('PATCH', '/categories/waste', { sla_hours: 6, name_en: 'Waste and litter' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ code: 'waste', sla_hours: 6, name_en: 'Waste and litter' });
    expect((await call('GET', '/categories/waste')).json().sla_hours).toBe(6);

    const citizen = await createUser(t.db, 'citizen');
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: { description: 'Thùng rác tràn ra đường', category: 'waste', lat: 16.4698, lon: 107.5786 },
    });
    const id = report.json().id;
    const before = Date.now();
    const assigned = await call('POST', `/cases/${id}/assign`, { agency: 'hepco' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const hours = (new Date(assigned.json().due_at).getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(5.9);
    expect(hours).toBeLessThan(6.1);

    const audit = await call('GET', '/audit?action=category.updated&limit=1');
    expect(audit.json().items[0]).toMatchObject({
      actor_id: admin.id,
      target_id: 'waste',
      details: { changes: { sla_hours: 6 }, before: { sla_hours: 24, name_en: 'Garbage and sanitation' } },
    });
  });

  it('deactivates a category: it stays readable, marked inactive', async () => {
    expect((await call('PATCH', '/categories/tourism_heritage', { active: false })).json().active).toBe(false);
    const list = await call('GET', '/categories');
    expect(list.json().items.find((c: { code: string }) => c.code === 'tourism_heritage').active).toBe(false);
    await call('PATCH', '/categories/tourism_heritage', { active: true });
  });

  it('takes a new agency kind only when an active agency handles it', async () => {
    const refused = await call('PATCH', '/categories/waste', { agency_kind: 'astronomy' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'kind_not_handled']);
    const moved = await call('PATCH', '/categories/waste', { agency_kind: 'environment' });
    expect(moved.json().agency_kind).toBe('environment');
    await call('PATCH', '/categories/waste', { agency_kind: 'sanitation' });
  });

  it('refuses an unknown category, nonsense hours and an empty change', async () => {
    const missing = await call('PATCH', '/categories/nope', { sla_hours: 2 });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'category_not_found']);
    for (const sla_hours of [0, -3, 1.5, 100_000]) {
      expect((await call('PATCH', '/categories/waste', { sla_hours })).statusCode).toBe(400);
    }
    expect((await call('PATCH', '/categories/waste', {})).statusCode).toBe(400);
  });

  it('is for system admins only', async () => {
    const operator = await createUser(t.db, 'operator');
    expect((await call('PATCH', '/categories/waste', { sla_hours: 1 }, operator)).statusCode).toBe(403);
  });
});
