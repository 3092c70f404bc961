// Administrators create and change agencies over HTTP: what the agency takes, where, under
// whom, and whether it is active; each change is audited and routing follows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { Agency } from '../../shared/reference-data.js';
import { routeCase } from '../routing/service.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 }; // Phường Phú Xuân (19753)

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

const NEW_AGENCY = {
  code: 'waste-phu-xuan',
  name_vi: 'Tổ thu gom rác Phú Xuân',
  name_en: 'Phu Xuan waste collection team',
  parent_code: 'hepco',
  handles: ['sanitation'],
  area_codes: ['19753'],
};

describe('POST /api/v1/agencies', () => {
  it('creates an agency that routing then prefers where it covers more narrowly', async () => {
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('hepco');
    const created = await call('POST', '/agencies', NEW_AGENCY);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      code: 'waste-phu-xuan',
      name_vi: 'Tổ thu gom rác Phú Xuân',
      name_en: 'Phu Xuan waste collection team',
      parent_code: 'hepco',
      handles: ['sanitation'],
      area_codes: ['19753'],
      active: true,
    });
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('waste-phu-xuan');

    const audit = await call('GET', '/audit?action=agency.created');
    expect(audit.json().items[0]).toMatchObject({
      actor_id: admin.id,
      target_type: 'agency',
      target_id: 'waste-phu-xuan',
    });
  });

  it('refuses a taken code, unknown areas or parent, and a code unfit for URLs', async () => {
    const refused = async (payload: object, status: number, code: string) => {
      const response = await call('POST', '/agencies', payload);
      expect([response.statusCode, response.json().error.code], response.body).toEqual([status, code]);
    };
    await refused({ ...NEW_AGENCY, code: 'hepco' }, 409, 'agency_exists');
    await refused({ ...NEW_AGENCY, code: 'new-1', area_codes: ['19753', '00000', '99999'] }, 400, 'unknown_area');
    await refused({ ...NEW_AGENCY, code: 'new-2', parent_code: 'nobody' }, 400, 'unknown_parent');
    await refused({ ...NEW_AGENCY, code: 'has space' }, 400, 'validation_failed');
    const unknown = await call('POST', '/agencies', { ...NEW_AGENCY, code: 'new-3', area_codes: ['00000'] });
    expect(unknown.json().error.details).toEqual({ unknown: ['00000'] });
    expect((await call('GET', '/agencies/new-1')).statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/agencies/:code', () => {
  it('changes names, kinds and areas (the list replaces the old one), recording what was before', async () => {
    const changed = await call('PATCH', '/agencies/ward-19900', {
      name_en: "People's Committee of Thuan An Ward",
      handles: ['ward', 'construction', 'tourism'],
      area_codes: ['19900', '19753'],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name_en: "People's Committee of Thuan An Ward",
      handles: ['ward', 'construction', 'tourism'],
      area_codes: ['19753', '19900'],
    });
    expect((await call('GET', '/agencies/ward-19900')).json().area_codes).toEqual(['19753', '19900']);
    const audit = await call('GET', '/audit?action=agency.updated&limit=1');
    expect(audit.json().items[0]).toMatchObject({
      target_id: 'ward-19900',
      details: { changes: { area_codes: ['19900', '19753'] }, before: { area_codes: ['19900'] } },
    });
  });

  it('deactivates an agency: routing passes it by, and it can come back', async () => {
    await call('POST', '/agencies', { ...NEW_AGENCY, code: 'waste-team-2', parent_code: null });
    const off = await call('PATCH', '/agencies/waste-team-2', { active: false });
    expect(off.json().active).toBe(false);
    await call('PATCH', '/agencies/waste-phu-xuan', { active: false });
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('hepco');
    await call('PATCH', '/agencies/waste-phu-xuan', { active: true });
    expect((await routeCase(t.db, 'waste', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('waste-phu-xuan');
  });

  it('refuses a parent below the agency itself, an unknown agency and an empty change', async () => {
    const cycle = await call('PATCH', '/agencies/hepco', { parent_code: 'waste-phu-xuan' });
    expect([cycle.statusCode, cycle.json().error.code]).toEqual([400, 'parent_cycle']);
    const self = await call('PATCH', '/agencies/hepco', { parent_code: 'hepco' });
    expect(self.json().error.code).toBe('parent_cycle');
    const missing = await call('PATCH', '/agencies/nobody', { active: false });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'agency_not_found']);
    expect((await call('PATCH', '/agencies/hepco', {})).statusCode).toBe(400);
    const agency: Agency = (await call('GET', '/agencies/hepco')).json();
    expect(agency.parent_code).toBeNull();
  });

  it('is for system admins only', async () => {
    const agencyAdmin = await createUser(t.db, 'agency_admin', { agencyCode: 'hepco' });
    const response = await call('PATCH', '/agencies/hepco', { name_en: 'Mine now' }, agencyAdmin);
    expect(response.statusCode).toBe(403);
  });
});
