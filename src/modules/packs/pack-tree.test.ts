// A made-up city whose areas nest three deep, with a hole and an island, imported in two
// packs: the second hangs its areas and agencies under those of the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { lookupArea } from '../areas/service.js';
import { importCityPack } from './import.js';
import { removeTempPacks, writePack } from './pack-fixtures.js';
import { PackInvalidError } from './validate.js';

/** A closed square ring from its south-west corner. */
const square = (lon: number, lat: number, size: number) => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

const area = (properties: Record<string, unknown>, geometry: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry,
});

const firstPack = {
  'pack.json': { code: 'thu', name: 'Tỉnh Thử', demo: false },
  'areas.geojson': {
    type: 'FeatureCollection',
    features: [
      // listed children first: the importer orders them by depth itself
      area(
        { code: 'T11', name: 'Phường Một', name_en: 'Ward One', kind: 'ward', parent_code: 'T1' },
        {
          type: 'Polygon',
          coordinates: [square(100.3, 10.3, 0.1)],
        },
      ),
      area(
        { code: 'T1', name: 'Thành phố Thử', kind: 'city', parent_code: 'T' },
        {
          type: 'Polygon',
          coordinates: [square(100, 10, 0.5), square(100.1, 10.1, 0.1)], // a lake
        },
      ),
      area(
        { code: 'T', name: 'Tỉnh Thử', kind: 'province', level: 1, parent_code: null },
        {
          type: 'Polygon',
          coordinates: [square(100, 10, 1)],
        },
      ),
      area(
        { code: 'T2', name: 'Đặc khu Đảo', kind: 'special zone', parent_code: 'T', center: [100.65, 10.65] },
        {
          type: 'MultiPolygon',
          coordinates: [[square(100.6, 10.6, 0.1)], [square(100.8, 10.8, 0.1)]],
        },
      ),
    ],
  },
  'agencies.json': {
    agencies: [
      { code: 'office', name_vi: 'Văn phòng', name_en: 'Office', handles: ['ioc'], parent: null, areas: ['T'] },
    ],
  },
  'categories.json': {
    categories: [
      { code: 'other', vi: 'Khác', en: 'Other', agency_kind: 'ioc', sla_hours: 72, default_priority: 'normal' },
    ],
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ pack: false });
});
afterAll(async () => {
  await t?.close();
  removeTempPacks();
});

describe('a pack of areas nested three deep', () => {
  it('imports with depths from the parent chain and English names from the Vietnamese', async () => {
    const report = await importCityPack(t.db, writePack(firstPack));
    expect(report.areas).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const { rows } = await t.db.query(
      'SELECT code, name_en, level, depth, center_lon, approximate FROM areas ORDER BY depth, code',
    );
    expect(rows).toEqual([
      { code: 'T', name_en: 'Thu Province', level: 1, depth: 0, center_lon: null, approximate: false },
      { code: 'T1', name_en: 'Thu City', level: 2, depth: 1, center_lon: null, approximate: false },
      { code: 'T2', name_en: 'Dac khu Dao', level: 2, depth: 1, center_lon: 100.65, approximate: false },
      { code: 'T11', name_en: 'Ward One', level: 3, depth: 2, center_lon: null, approximate: false },
    ]);
    const rings = await t.db.query(
      `SELECT a.code, r.part, r.ring, r.is_hole FROM area_rings r JOIN areas a ON a.id = r.area_id
       WHERE a.code IN ('T1', 'T2') ORDER BY a.code, r.part, r.ring`,
    );
    expect(rings.rows).toEqual([
      { code: 'T1', part: 0, ring: 0, is_hole: false },
      { code: 'T1', part: 0, ring: 1, is_hole: true },
      { code: 'T2', part: 0, ring: 0, is_hole: false },
      { code: 'T2', part: 1, ring: 0, is_hole: false },
    ]);
  });

  it('looks points up in the deepest area, not in holes, and in every part', async () => {
    const codes = async (lat: number, lon: number) => {
      const found = await lookupArea(t.db, lat, lon);
      return found && [...found.ancestors.map((a) => a.code), found.area.code];
    };
    expect(await codes(10.35, 100.35)).toEqual(['T', 'T1', 'T11']);
    expect(await codes(10.15, 100.15)).toEqual(['T']); // in the lake of T1
    expect(await codes(10.25, 100.25)).toEqual(['T', 'T1']);
    expect(await codes(10.85, 100.85)).toEqual(['T', 'T2']); // the island
    expect(await codes(10.5, 100.75)).toEqual(['T']);
    expect(await codes(12, 100)).toBeNull();

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/areas/lookup?lat=10.35&lon=100.35' });
    expect(response.json().ancestors.map((a: { name_vi: string }) => a.name_vi)).toEqual(['Tỉnh Thử', 'Thành phố Thử']);
  });

  it('accepts a second pack whose parents and areas are already in the database', async () => {
    const second = writePack(
      {
        'areas.geojson': {
          type: 'FeatureCollection',
          features: [
            area(
              { code: 'T111', name: 'Tổ dân phố 1', kind: 'block', parent_code: 'T11' },
              {
                type: 'Polygon',
                coordinates: [square(100.32, 10.32, 0.02)],
              },
            ),
          ],
        },
        'agencies.json': {
          agencies: [
            { code: 'sub', name_vi: 'Tổ', name_en: 'Block team', handles: [], parent: 'office', areas: ['T111', 'T1'] },
          ],
        },
        'categories.json': {
          categories: [
            { code: 'extra', vi: 'Thêm', en: 'Extra', agency_kind: 'ioc', sla_hours: 1, default_priority: 'low' },
          ],
        },
      },
      'them',
    );
    const report = await importCityPack(t.db, second);
    expect(report.pack).toMatchObject({ code: 'them', name: 'them', demo: false });
    expect(report.areas).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const found = await lookupArea(t.db, 10.33, 100.33);
    expect(found?.area).toMatchObject({ code: 'T111', depth: 3, level: 4, parent_code: 'T11' });
    expect(found?.ancestors.map((a) => a.code)).toEqual(['T', 'T1', 'T11']);

    // the first pack again: its rows are unchanged, and the second pack's rows are kept
    const again = await importCityPack(t.db, writePack(firstPack));
    expect(again.areas).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const count = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM areas');
    expect(count.rows[0]?.count).toBe(5);
  });

  it('finds a cycle that runs through areas of the database', async () => {
    const looping = structuredClone(firstPack);
    const root = looping['areas.geojson'].features[2];
    if (root) root.properties.parent_code = 'T111';
    const error = await importCityPack(t.db, writePack(looping)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PackInvalidError);
    expect((error as PackInvalidError).problems).toEqual([
      'areas.geojson: feature 0 (code T11): parent chain T11 -> T1 -> T -> T111 -> T11 is a cycle',
    ]);
  });
});
