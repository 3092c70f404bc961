// Routing overrides over HTTP on the Hue pack: an admin sets where a category's reports go in
// an area, routing follows the narrowest override before its own rule and says so in both
// languages, new reports are assigned by it, and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { RoutingOverride } from '../../shared/admin.js';
import { routeCase } from './service.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 }; // Phường Phú Xuân (19753)
const THUAN_AN_BEACH = { lat: 16.5626, lon: 107.644 }; // Phường Thuận An (19900)

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
});
afterAll(() => t?.close());

function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, user = admin) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });
}

async function setOverride(category: string, area: string, agency: string, note?: string): Promise<RoutingOverride> {
  const response = await call('POST', '/admin/routing-overrides', { category, area, agency, note });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function removeAll() {
  const list = await call('GET', '/admin/routing-overrides');
  for (const item of list.json().items as RoutingOverride[]) {
    expect((await call('DELETE', `/admin/routing-overrides/${item.id}`)).statusCode).toBe(204);
  }
}

describe('routing overrides', () => {
  it('routes a category to the agency the city set for the area, saying so in vi and en', async () => {
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('hepco');
    const created = await setOverride('waste', '19753', 'ward-19753', 'The ward collects waste in the Citadel');
    expect(created).toMatchObject({
      category: { code: 'waste' },
      area: { code: '19753', name_vi: 'Phường Phú Xuân' },
      agency: { code: 'ward-19753', active: true },
      note: 'The ward collects waste in the Citadel',
    });

    const decision = await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon);
    expect(decision).toMatchObject({
      agency: { code: 'ward-19753' },
      by_override: true,
      fallback: false,
      coverage: { code: '19753', city_wide: false },
    });
    expect(decision.explanation.en).toBe(
      "By a rule the city set, “Garbage and sanitation” reports in Phu Xuan Ward go to People's Committee of Phú Xuân Ward.",
    );
    expect(decision.explanation.vi).toBe(
      'Theo quy tắc do thành phố đặt, phản ánh lĩnh vực “Rác thải, vệ sinh môi trường” tại Phường Phú Xuân được chuyển đến UBND Phường Phú Xuân.',
    );
    // elsewhere, and for other categories, the rule applies as before
    const beach = await routeCase(t.db, 'waste', THUAN_AN_BEACH.lat, THUAN_AN_BEACH.lon);
    expect([beach.agency?.code, beach.by_override]).toEqual(['hepco', false]);
    expect((await routeCase(t.db, 'road_damage', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('doc');
    await removeAll();
  });

  it('prefers the narrowest override, and passes by one whose agency is inactive', async () => {
    await setOverride('waste', '46', 'doc');
    const ward = await setOverride('waste', '19753', 'ward-19753');
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('ward-19753');
    const beach = await routeCase(t.db, 'waste', THUAN_AN_BEACH.lat, THUAN_AN_BEACH.lon);
    expect([beach.agency?.code, beach.coverage?.city_wide]).toEqual(['doc', true]);

    await t.db.query(`UPDATE agencies SET active = false WHERE code = 'ward-19753'`);
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('doc');
    await t.db.query(`UPDATE agencies SET active = true WHERE code = 'ward-19753'`);

    const listed = await call('GET', '/admin/routing-overrides?category=waste');
    expect(listed.json().items.map((item: RoutingOverride) => item.area.code)).toEqual(['46', '19753']);
    expect((await call('GET', '/admin/routing-overrides?area=19753')).json().items).toHaveLength(1);

    const changed = await call('PATCH', `/admin/routing-overrides/${ward.id}`, { agency: 'police-19753' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().agency.code).toBe('police-19753');
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('police-19753');

    await removeAll();
    const after = await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon);
    expect([after.agency?.code, after.by_override]).toEqual(['hepco', false]);
  });

  it('assigns a new report by the override when its category is auto-assigned', async () => {
    await setOverride('waste', '19753', 'ward-19753');
    // threshold 0: every report the model files under waste is assigned at once
    expect((await call('PUT', '/triage/thresholds', { items: [{ category: 'waste', threshold: 0 }] })).statusCode).toBe(
      200,
    );
    const citizen = await createUser(t.db, 'citizen');
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: {
        description: 'Rác thải đổ trộm thành đống trên vỉa hè, bốc mùi hôi thối',
        category: 'waste',
        ...CITADEL,
      },
    });
    expect(report.statusCode, report.body).toBe(201);
    const staffView = await call('GET', `/cases/${report.json().id}`);
    expect(staffView.json()).toMatchObject({ state: 'assigned', agency: { code: 'ward-19753' } });
    await call('PUT', '/triage/thresholds', { items: [{ category: 'waste', threshold: null }] });
    await removeAll();
  });

  it('refuses unknown codes, inactive agencies and a second override for the same place', async () => {
    const refused = async (payload: object, status: number, code: string) => {
      const response = await call('POST', '/admin/routing-overrides', payload);
      expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    };
    await refused({ category: 'nope', area: '19753', agency: 'hepco' }, 400, 'unknown_category');
    await refused({ category: 'waste', area: '00000', agency: 'hepco' }, 400, 'unknown_area');
    await refused({ category: 'waste', area: '19753', agency: 'nobody' }, 400, 'unknown_agency');
    await t.db.query(`UPDATE agencies SET active = false WHERE code = 'lighting'`);
    await refused({ category: 'waste', area: '19753', agency: 'lighting' }, 400, 'agency_inactive');
    await t.db.query(`UPDATE agencies SET active = true WHERE code = 'lighting'`);
    await setOverride('waste', '19753', 'hepco');
    await refused({ category: 'waste', area: '19753', agency: 'doc' }, 409, 'routing_override_exists');
    expect((await call('DELETE', '/admin/routing-overrides/999999')).statusCode).toBe(404);
    await removeAll();
  });

  it('records who set, changed and removed each override in the audit log', async () => {
    const created = await setOverride('drainage_flooding', '19900', 'ward-19900');
    await call('PATCH', `/admin/routing-overrides/${created.id}`, { note: 'Wardens on the beach' });
    await call('DELETE', `/admin/routing-overrides/${created.id}`);
    const audit = await call('GET', '/audit?action=routing_override&limit=3');
    expect(
      audit
        .json()
        .items.map((entry: { action: string; actor_id: string; target_id: string }) => [
          entry.action,
          entry.actor_id,
          entry.target_id,
        ]),
    ).toEqual([
      ['routing_override.deleted', admin.id, String(created.id)],
      ['routing_override.updated', admin.id, String(created.id)],
      ['routing_override.created', admin.id, String(created.id)],
    ]);
  });

  it('is for admins only', async () => {
    const operator = await createUser(t.db, 'operator');
    expect((await call('GET', '/admin/routing-overrides', undefined, operator)).statusCode).toBe(403);
  });
});
