import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { Agency } from '../../shared/reference-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await t.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T };
}

describe('GET /api/v1/agencies', () => {
  it('lists the 96 agencies of the Hue pack with what they handle and where', async () => {
    const { status, body } = await get<{ items: Agency[] }>('/api/v1/agencies');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(96);
    expect(body.items.find((agency) => agency.code === 'ioc')).toEqual({
      code: 'ioc',
      name_vi: 'Trung tâm Giám sát, điều hành đô thị thông minh Huế (IOC)',
      name_en: 'Hue Intelligent Operations Center (IOC)',
      parent_code: null,
      handles: ['ioc'],
      area_codes: ['46'],
      active: true,
    });
    expect(body.items.find((agency) => agency.code === 'lighting')?.parent_code).toBe('doc');
  });

  it('filters by the agency kind handled and by area', async () => {
    const police = await get<{ items: Agency[] }>('/api/v1/agencies?handles=police');
    expect(police.body.items).toHaveLength(40);
    expect(police.body.items.every((agency) => agency.handles.includes('police'))).toBe(true);

    const phuXuan = await get<{ items: Agency[] }>('/api/v1/agencies?area=19753');
    expect(phuXuan.body.items.length).toBeGreaterThanOrEqual(2);
    expect(phuXuan.body.items.every((agency) => agency.area_codes.includes('19753'))).toBe(true);

    const both = await get<{ items: Agency[] }>('/api/v1/agencies?handles=ward&area=19753');
    expect(both.body.items.map((agency) => agency.handles)).toEqual([['ward', 'construction']]);

    expect((await get<{ items: Agency[] }>('/api/v1/agencies?handles=nothing')).body.items).toEqual([]);
  });

  it('refuses unknown query parameters', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/api/v1/agencies?kind=police');
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
  });
});

describe('GET /api/v1/agencies/:code', () => {
  it('returns one agency', async () => {
    const { status, body } = await get<Agency>('/api/v1/agencies/hepco');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 'hepco', handles: ['sanitation'], area_codes: ['46'] });
  });

  it('says agency_not_found for an unknown code', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/api/v1/agencies/nobody');
    expect(status).toBe(404);
    expect(body.error.code).toBe('agency_not_found');
  });
});
