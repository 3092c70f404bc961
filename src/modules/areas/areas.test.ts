import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { AreaDetail, AreaLookup, AreaSummary } from '../../shared/reference-data.js';
import { AREA_LOOKUP_SQL, lookupArea } from './service.js';

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

const lookup = (lat: number | string, lon: number | string) =>
  get<AreaLookup & { error: { code: string } }>(`/api/v1/areas/lookup?lat=${lat}&lon=${lon}`);

describe('GET /api/v1/areas', () => {
  it('lists the 41 areas of Hue, the city first, without boundaries unless asked', async () => {
    const { status, body } = await get<{ items: AreaSummary[] }>('/api/v1/areas');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(41);
    expect(body.items[0]).toEqual({
      code: '46',
      name_vi: 'Thành phố Huế',
      name_en: 'Hue City',
      kind: 'city',
      level: 1,
      parent_code: null,
      depth: 0,
      center: null,
      approximate: false,
    });
    expect(body.items.find((area) => area.code === '19753')).toMatchObject({
      name_vi: 'Phường Phú Xuân',
      name_en: 'Phu Xuan Ward',
      parent_code: '46',
      depth: 1,
      center: { lon: 107.57563, lat: 16.48135 },
      approximate: true,
    });
    expect(body.items.find((area) => area.code === '20137')?.name_en).toBe('Chan May - Lang Co Commune');
    expect(body.items.every((area) => !('geometry' in area))).toBe(true);
  });

  it('adds GeoJSON boundaries with ?geometry=true and filters children with ?parent=', async () => {
    const withGeometry = await get<{ items: AreaDetail[] }>('/api/v1/areas?geometry=true&parent=46');
    expect(withGeometry.body.items).toHaveLength(40);
    expect(withGeometry.body.items.every((area) => area.parent_code === '46')).toBe(true);
    expect(withGeometry.body.items[0]?.geometry.type).toMatch(/^(Multi)?Polygon$/);
    expect((await get<{ items: unknown[] }>('/api/v1/areas?parent=19753')).body.items).toEqual([]);
  });

  it('refuses unknown query parameters', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/api/v1/areas?colour=red');
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
  });
});

describe('GET /api/v1/areas/:code', () => {
  it('returns one area with its boundary, properties and ancestors', async () => {
    const { status, body } = await get<AreaDetail>('/api/v1/areas/19753');
    expect(status).toBe(200);
    expect(body.name_vi).toBe('Phường Phú Xuân');
    expect(body.geometry.type).toBe('Polygon');
    expect(body.properties.merged_from).toContain('Phường Đông Ba');
    expect(body.ancestors.map((area) => area.code)).toEqual(['46']);
  });

  it('says area_not_found for an unknown code', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/api/v1/areas/99999');
    expect(status).toBe(404);
    expect(body.error.code).toBe('area_not_found');
  });
});

describe('GET /api/v1/areas/lookup', () => {
  it('finds the Citadel in Phường Phú Xuân, under Thành phố Huế', async () => {
    const { status, body } = await lookup(16.4698, 107.5786);
    expect(status).toBe(200);
    expect(body.area).toMatchObject({ code: '19753', name_vi: 'Phường Phú Xuân', depth: 1 });
    expect(body.ancestors.map((area) => [area.code, area.name_vi])).toEqual([['46', 'Thành phố Huế']]);
  });

  it('finds Thuan An beach in Phường Thuận An and Hue station in Phường Thuận Hóa', async () => {
    expect((await lookup(16.5626, 107.644)).body.area.name_vi).toBe('Phường Thuận An');
    expect((await lookup(16.4566, 107.578)).body.area.name_vi).toBe('Phường Thuận Hóa');
  });

  it('answers outside_city for a point in no area', async () => {
    for (const [lat, lon] of [
      [16.0, 106.0],
      [16.9, 108.2], // the East Sea
    ] as const) {
      const { status, body } = await lookup(lat, lon);
      expect(status).toBe(404);
      expect(body.error.code).toBe('outside_city');
    }
  });

  it('refuses coordinates that are not numbers in range', async () => {
    for (const url of [
      '/api/v1/areas/lookup?lat=91&lon=107.5',
      '/api/v1/areas/lookup?lat=16.4&lon=-181',
      '/api/v1/areas/lookup?lat=abc&lon=107.5',
      '/api/v1/areas/lookup?lat=NaN&lon=107.5',
      '/api/v1/areas/lookup?lat=16.4',
      '/api/v1/areas/lookup',
    ]) {
      const { status, body } = await get<{ error: { code: string } }>(url);
      expect(status, url).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    }
  });

  it('is exported for routing, and agrees with the HTTP answer', async () => {
    expect((await lookupArea(t.db, 16.4698, 107.5786))?.area.code).toBe('19753');
    expect(await lookupArea(t.db, 16.0, 106.0)).toBeNull();
  });

  it('finds candidate rings by the GiST index on their bounding boxes', async () => {
    // With sequential scans priced out, the planner must still be able to answer from the index.
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${AREA_LOOKUP_SQL}`, [[107.5786], [16.4698]]);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan (on|using) area_rings_bounds/);
    expect(plan).toMatch(/Index Cond: \(bounds && box\(point\(p\.lon, p\.lat\)/);
  });
});

describe('the OpenAPI document', () => {
  it('describes the reference data routes', async () => {
    const { body } = await get<{ paths: Record<string, { get?: { tags?: string[] } }> }>('/api/openapi.json');
    for (const path of [
      '/api/v1/areas',
      '/api/v1/areas/lookup',
      '/api/v1/areas/{code}',
      '/api/v1/agencies',
      '/api/v1/agencies/{code}',
      '/api/v1/categories',
      '/api/v1/categories/{code}',
    ]) {
      expect(body.paths[path]?.get?.tags, path).toEqual(['reference data']);
    }
  });
});
