import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { Queryable } from '../../platform/db/index.js';
import { packImportCommand } from './cli.js';
import { importCityPack } from './import.js';
import { loadPack } from './load.js';
import { type Feature, HUE_DIR, type HueFiles, removeTempPacks, writeHue, writePack } from './pack-fixtures.js';
import { EMPTY_DATABASE, PackInvalidError, validatePack } from './validate.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ pack: false });
});
afterAll(async () => {
  await t?.close();
  removeTempPacks();
});

const TABLES = ['city_packs', 'areas', 'area_rings', 'agencies', 'agency_areas', 'categories'] as const;

/**
 * Every row version of the reference tables: a row that is rewritten, even with the same
 * values, gets a new xmin and ctid, so equal snapshots mean nothing was written.
 */
async function snapshot(db: Queryable): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.query<{ versions: string | null; count: number }>(
      `SELECT string_agg(xmin::text || '@' || ctid::text, ',' ORDER BY ctid) AS versions, count(*)::int AS count
       FROM ${table}`,
    );
    result[table] = `${rows[0]?.count}: ${rows[0]?.versions}`;
  }
  return result;
}

async function updatedAt(db: Queryable, table: 'areas' | 'agencies' | 'categories' | 'city_packs') {
  const { rows } = await db.query<{ code: string; updated_at: Date }>(`SELECT code, updated_at FROM ${table}`);
  return new Map(rows.map((row) => [row.code, row.updated_at.toISOString()]));
}

async function refusal(dir: string): Promise<PackInvalidError> {
  const error = await importCityPack(t.db, dir).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PackInvalidError);
  return error as PackInvalidError;
}

const featureIndex = (files: HueFiles, code: string) =>
  files.areas.features.findIndex((feature) => feature.properties.code === code);
const feature = (files: HueFiles, code: string) => files.areas.features[featureIndex(files, code)] as Feature;
const agency = (files: HueFiles, code: string) =>
  files.agencies.agencies.find((item) => item.code === code) as Record<string, unknown>;
const category = (files: HueFiles, code: string) =>
  files.categories.categories.find((item) => item.code === code) as Record<string, unknown>;

describe('importing the Hue pack', () => {
  it('creates 41 areas, 96 agencies and 17 categories and records the pack', async () => {
    const report = await importCityPack(t.db, HUE_DIR);
    expect(report).toEqual({
      pack: { code: 'hue', name: 'Huế', demo: true, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) },
      areas: { created: 41, updated: 0, unchanged: 0 },
      agencies: { created: 96, updated: 0, unchanged: 0 },
      categories: { created: 17, updated: 0, unchanged: 0 },
    });
    const packs = await t.db.query('SELECT code, name, demo, checksum FROM city_packs');
    expect(packs.rows).toEqual([{ code: 'hue', name: 'Huế', demo: true, checksum: report.pack.checksum }]);
    // one ring row per ring: the city has two parts, two communes have islands
    const rings = await t.db.query<{ count: number; holes: number }>(
      'SELECT count(*)::int AS count, count(*) FILTER (WHERE is_hole)::int AS holes FROM area_rings',
    );
    expect(rings.rows[0]).toEqual({ count: 45, holes: 0 });
    const links = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM agency_areas');
    expect(links.rows[0]?.count).toBe(96);
  });

  it('changes nothing when the same pack is imported again', async () => {
    const before = await snapshot(t.db);
    const stamps = await updatedAt(t.db, 'areas');
    const report = await importCityPack(t.db, HUE_DIR);
    expect(report).toMatchObject({
      areas: { created: 0, updated: 0, unchanged: 41 },
      agencies: { created: 0, updated: 0, unchanged: 96 },
      categories: { created: 0, updated: 0, unchanged: 17 },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await updatedAt(t.db, 'areas')).toEqual(stamps);
  });

  it('reports a changed category name as one update and touches nothing else', async () => {
    const before = await updatedAt(t.db, 'categories');
    const dir = writeHue((files) => {
      category(files, 'waste').en = 'Rubbish and street cleaning';
    });
    const report = await importCityPack(t.db, dir);
    expect(report.categories).toEqual({ created: 0, updated: 1, unchanged: 16 });
    expect(report.areas).toEqual({ created: 0, updated: 0, unchanged: 41 });
    expect(report.agencies).toEqual({ created: 0, updated: 0, unchanged: 96 });
    const after = await updatedAt(t.db, 'categories');
    const changed = [...after].filter(([code, stamp]) => before.get(code) !== stamp).map(([code]) => code);
    expect(changed).toEqual(['waste']);
    const row = await t.db.query('SELECT name_en FROM categories WHERE code = $1', ['waste']);
    expect(row.rows[0]).toEqual({ name_en: 'Rubbish and street cleaning' });
  });

  it('rewrites the rings of an area only when its boundary changed, and agency areas only when they changed', async () => {
    const ringVersions = async () =>
      (
        await t.db.query<{ code: string; v: string }>(
          `SELECT a.code, string_agg(r.xmin::text || '@' || r.ctid::text, ',') AS v
           FROM area_rings r JOIN areas a ON a.id = r.area_id GROUP BY a.code`,
        )
      ).rows;
    const before = new Map((await ringVersions()).map((row) => [row.code, row.v]));
    const dir = writeHue((files) => {
      const ring = (feature(files, '19753').geometry.coordinates as number[][][])[0] as number[][];
      (ring[1] as number[])[0] = ((ring[1] as number[])[0] as number) + 0.001;
      agency(files, 'hepco').areas = ['46', '19753'];
      category(files, 'waste').en = 'Garbage and sanitation';
    });
    const report = await importCityPack(t.db, dir);
    expect(report.areas).toEqual({ created: 0, updated: 1, unchanged: 40 });
    expect(report.agencies).toEqual({ created: 0, updated: 1, unchanged: 95 });
    const after = await ringVersions();
    expect(after.filter((row) => before.get(row.code) !== row.v).map((row) => row.code)).toEqual(['19753']);
    const hepco = await t.app.inject({ method: 'GET', url: '/api/v1/agencies/hepco' });
    expect(hepco.json().area_codes).toEqual(['19753', '46']);

    // and back to the pack as shipped
    const restored = await importCityPack(t.db, HUE_DIR);
    expect(restored.areas.updated + restored.agencies.updated).toBe(2);
  });
});

describe('a broken pack', () => {
  it('is refused whole, with every problem named by file and item, and nothing written', async () => {
    const before = await snapshot(t.db);
    let at: Record<string, number> = {};
    const dir = writeHue((files) => {
      at = Object.fromEntries(
        ['19753', '19774', '19777', '19789', '19804', '19813', '19815', '19819', '19828', '19831', '19858'].map((c) => [
          c,
          featureIndex(files, c),
        ]),
      );
      files.manifest.demo = 'yes';
      const ring = (feature(files, '19753').geometry.coordinates as number[][][])[0] as number[][];
      ring[ring.length - 1] = [107.5, 16.5];
      feature(files, '19753').properties.population = -5;
      feature(files, '19777').properties.code = '19774';
      feature(files, '19789').properties.parent_code = '99';
      feature(files, '19804').geometry = { type: 'Point', coordinates: [107.5, 16.5] };
      const far = (feature(files, '19813').geometry.coordinates as number[][][])[0] as number[][];
      far[2] = [200, 16.4];
      // a bow tie: its two halves meet in the middle
      feature(files, '19815').geometry.coordinates = [
        [
          [107.6, 16.4],
          [107.63, 16.43],
          [107.63, 16.4],
          [107.6, 16.42],
          [107.6, 16.4],
        ],
      ];
      feature(files, '19819').properties.parent_code = '19828';
      feature(files, '19828').properties.parent_code = '19819';
      delete feature(files, '19831').properties.name;
      feature(files, '19858').geometry.coordinates = [
        [
          [107.4, 16.5],
          [107.41, 16.5],
          [107.4, 16.5],
        ],
      ];

      agency(files, 'lighting').parent = 'nobody';
      agency(files, 'hepco').areas = ['46', '00000'];
      agency(files, 'ioc').parent = 'doae';
      agency(files, 'doae').parent = 'ioc';
      delete agency(files, 'doc').name_en;
      files.agencies.agencies.push({ ...agency(files, 'water') });

      category(files, 'waste').default_priority = 'asap';
      category(files, 'pollution').sla_hours = 0;
      category(files, 'traffic').sla_hours = 1.5;
      category(files, 'other').agency_kind = 'astrology';
      delete category(files, 'streetlight').vi;
      files.categories.categories.push({ ...category(files, 'fire_rescue') });
    });

    const error = await refusal(dir);
    const hue = (code: string) => `feature ${at[code]} (code ${code})`;
    const expected = [
      'pack.json: demo must be true or false (got "yes")',
      `areas.geojson: ${hue('19753')}: ring 0 is not closed (its last position differs from its first)`,
      `areas.geojson: ${hue('19753')}: population must be a whole number of people (got -5)`,
      `areas.geojson: code "19774" is used by features ${at['19774']}, ${at['19777']}`,
      `areas.geojson: ${hue('19789')}: parent "99" is not an area of the pack or of the database`,
      `areas.geojson: ${hue('19804')}: geometry type "Point" is not Polygon or MultiPolygon`,
      `areas.geojson: ${hue('19813')}: ring 0 position 2 [200,16.4] is out of range (lon -180..180, lat -90..90; GeoJSON puts lon first)`,
      `areas.geojson: ${hue('19815')}: ring 0 crosses itself near [107.612, 16.412]`,
      `areas.geojson: ${hue('19819')}: parent chain 19819 -> 19828 -> 19819 is a cycle`,
      `areas.geojson: ${hue('19831')}: name is missing`,
      `areas.geojson: ${hue('19858')}: ring 0 has 3 positions; a ring needs at least 4 (the first repeated last)`,
      expect.stringMatching(
        /^agencies\.json: agency \d+ \(code lighting\): parent "nobody" is not an agency of the pack/,
      ),
      expect.stringMatching(/^agencies\.json: agency \d+ \(code hepco\): area "00000" is not an area of the pack/),
      expect.stringMatching(/^agencies\.json: agency 0 \(code ioc\): parent chain ioc -> doae -> ioc is a cycle$/),
      expect.stringMatching(/^agencies\.json: agency \d+ \(code doc\): name_en is missing$/),
      expect.stringMatching(/^agencies\.json: code "water" is used by agencies \d+, 96$/),
      'categories.json: category 0 (code waste): default_priority "asap" is not one of the priorities (low, normal, high, urgent)',
      'categories.json: category 1 (code pollution): sla_hours must be a positive whole number of hours (got 0)',
      'categories.json: category 4 (code traffic): sla_hours must be a positive whole number of hours (got 1.5)',
      'categories.json: category 3 (code streetlight): vi is missing',
      'categories.json: code "fire_rescue" is used by categories 12, 17',
      'categories.json: category 16 (code other): no agency handles its agency_kind "astrology"',
    ];
    for (const problem of expected) expect(error.problems).toContainEqual(problem);
    for (const problem of error.problems) {
      expect(problem).toMatch(/^(pack\.json|areas\.geojson|agencies\.json|categories\.json): /);
    }
    expect(error).toMatchObject({ status: 422, code: 'pack_invalid' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('lists the problems of the other files when one is not JSON, or missing', async () => {
    const dir = writeHue((files) => {
      category(files, 'waste').sla_hours = -1;
    });
    const broken = writePack({
      'areas.geojson': '{"type": "FeatureCollection", "features": [',
      'categories.json': readFileSync(join(dir, 'categories.json'), 'utf8'),
    });
    const error = await refusal(broken);
    expect(error.problems).toEqual([
      expect.stringMatching(/^areas\.geojson: not valid JSON \(/),
      'agencies.json: file is missing',
      'categories.json: category 0 (code waste): sla_hours must be a positive whole number of hours (got -1)',
    ]);
  });

  it('gets no second wave of problems from items that refer to its broken items', async () => {
    const dir = writeHue((files) => {
      feature(files, '19804').geometry = { type: 'Point', coordinates: [107.5, 16.5] };
      delete feature(files, '19831').properties.name;
      delete agency(files, 'doc').name_en; // the only agency for road damage
    });
    const loaded = await loadPack(dir);
    const error = (() => {
      try {
        validatePack(loaded, EMPTY_DATABASE);
      } catch (caught) {
        return caught as PackInvalidError;
      }
    })();
    expect(error?.problems).toEqual([
      expect.stringMatching(/^areas\.geojson: feature \d+ \(code 19804\): geometry type "Point"/),
      expect.stringMatching(/^areas\.geojson: feature \d+ \(code 19831\): name is missing$/),
      expect.stringMatching(/^agencies\.json: agency \d+ \(code doc\): name_en is missing$/),
    ]);
  });

  it('names a directory that does not exist', async () => {
    const error = await refusal(join(tmpdir(), 'citypulse-no-such-pack'));
    expect(error.problems).toEqual([`${join(tmpdir(), 'citypulse-no-such-pack')}: no such pack directory`]);
  });

  it('is explained line by line by the command-line tool', async () => {
    const lines: string[] = [];
    const bad = writeHue((files) => {
      category(files, 'waste').default_priority = 'asap';
    });
    expect(await packImportCommand(t.db, bad, (line) => lines.push(line))).toBe(false);
    expect(lines[0]).toMatch(/has 1 problem\(s\); nothing was imported:$/);
    expect(lines[1]).toBe(
      '  - categories.json: category 0 (code waste): default_priority "asap" is not one of the priorities (low, normal, high, urgent)',
    );

    lines.length = 0;
    expect(await packImportCommand(t.db, HUE_DIR, (line) => lines.push(line))).toBe(true);
    expect(lines.join('\n')).toContain('areas:      0 created, 0 updated, 41 unchanged');
  });
});
