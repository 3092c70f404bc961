// Routing on the Hue pack: the narrowest covering agency of the category's kind, the IOC for
// what nobody handles, and a reason in both languages every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUE_PACK_DIR, openTestDatabase, type TestDatabase } from '../../../test/harness.js';
import type { Queryable } from '../../platform/db/index.js';
import { migrate } from '../../platform/db/migrate.js';
import { importCityPack } from '../packs/import.js';
import { explanationLine, routeCase } from './service.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };
const THUAN_AN_BEACH = { lat: 16.5626, lon: 107.644 };
const OPEN_SEA = { lat: 16.9, lon: 108.6 };

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  await migrate(t.db);
  await importCityPack(t.db, HUE_PACK_DIR);
});
afterAll(() => t.close());

/** Runs a change and the checks in one transaction that is then rolled back. */
async function withRollback(run: (tx: Queryable) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await expect(
    t.db.transaction(async (tx) => {
      await run(tx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

describe('routeCase', () => {
  it('sends road damage at the Citadel to the Department of Construction, city-wide', async () => {
    const decision = await routeCase(t.db, 'road_damage', CITADEL.lat, CITADEL.lon);
    expect(decision.agency?.code).toBe('doc');
    expect(decision.fallback).toBe(false);
    expect(decision.agency_kind).toBe('infrastructure');
    expect(decision.coverage).toMatchObject({ code: '46', city_wide: true });
    expect(decision.area?.code).toBe('19753');
    // a sentence with names, not codes and arrows
    expect(decision.explanation.vi).toBe(
      'Phản ánh lĩnh vực “Hư hỏng đường, vỉa hè” được chuyển đến Sở Xây dựng, đơn vị phụ trách lĩnh vực này toàn thành phố.',
    );
    expect(decision.explanation.en).toBe(
      '“Roads and sidewalks” reports go to Department of Construction, which handles them city-wide.',
    );
  });

  it('sends urban order at the Citadel to the ward it lies in', async () => {
    const decision = await routeCase(t.db, 'urban_order', CITADEL.lat, CITADEL.lon);
    expect(decision.agency?.code).toBe('ward-19753');
    expect(decision.coverage).toMatchObject({ code: '19753', city_wide: false, depth: 1 });
    expect(decision.explanation.vi).toMatch(
      /^Phản ánh lĩnh vực “.+” được chuyển đến UBND Phường Phú Xuân, .* tại Phường Phú Xuân\.$/,
    );
    expect(decision.explanation.en).toMatch(/^“.+” reports go to .+, which handles them in .*Phu Xuan.*\.$/);
    expect(decision.explanation.en).not.toMatch(/->|urban_order|\bward\b -/);
  });

  it("sends public security on Thuan An beach to Thuan An ward's police", async () => {
    const decision = await routeCase(t.db, 'public_security', THUAN_AN_BEACH.lat, THUAN_AN_BEACH.lon);
    expect(decision.agency?.code).toBe('police-19900');
    expect(decision.area?.code).toBe('19900');
    expect(decision.explanation.vi).toContain('Công an Phường Thuận An');
  });

  it('prefers the narrowest covering agency over a city-wide one of the same kind', async () => {
    await withRollback(async (tx) => {
      await tx.query(`UPDATE agencies SET handles = handles || '{police}' WHERE code = 'police'`);
      expect((await routeCase(tx, 'public_security', CITADEL.lat, CITADEL.lon)).agency?.code).toBe('police-19753');
      // ...and falls back to the city-wide one when the ward's agency is inactive
      await tx.query(`UPDATE agencies SET active = false WHERE code = 'police-19753'`);
      const decision = await routeCase(tx, 'public_security', CITADEL.lat, CITADEL.lon);
      expect(decision.agency?.code).toBe('police');
      expect(decision.coverage?.city_wide).toBe(true);
    });
  });

  it('sends a category no agency handles to the IOC, saying so', async () => {
    await withRollback(async (tx) => {
      await tx.query(
        `INSERT INTO categories (code, name_vi, name_en, agency_kind, sla_hours, default_priority)
         VALUES ('space_debris', 'Rác vũ trụ', 'Space debris', 'space', 24, 'normal')`,
      );
      const decision = await routeCase(tx, 'space_debris', CITADEL.lat, CITADEL.lon);
      expect(decision.agency?.code).toBe('ioc');
      expect(decision.fallback).toBe(true);
      expect(decision.coverage).toBeNull();
      expect(decision.explanation.en).toBe(
        'No agency handles “Space debris” reports at this location, ' +
          'so Hue Intelligent Operations Center (IOC) triages it by hand.',
      );
      expect(decision.explanation.vi).toContain('Chưa có đơn vị nào phụ trách lĩnh vực “Rác vũ trụ” tại vị trí này');
    });
  });

  it('sends "other" to the IOC as its own kind, not as a fallback', async () => {
    const decision = await routeCase(t.db, 'other', CITADEL.lat, CITADEL.lon);
    expect(decision.agency?.code).toBe('ioc');
    expect(decision.fallback).toBe(false);
  });

  it('sends a case without a category, with an unknown one, or outside the city to the IOC', async () => {
    const none = await routeCase(t.db, null, CITADEL.lat, CITADEL.lon);
    expect([none.agency?.code, none.fallback, none.explanation.en]).toEqual([
      'ioc',
      true,
      'The report has no category yet, so Hue Intelligent Operations Center (IOC) triages it by hand.',
    ]);
    const unknown = await routeCase(t.db, 'no_such_category', CITADEL.lat, CITADEL.lon);
    expect([unknown.agency?.code, unknown.agency_kind]).toEqual(['ioc', null]);
    expect(unknown.explanation.en).toMatch(/^There is no category “no_such_category”, so /);
    const outside = await routeCase(t.db, 'road_damage', OPEN_SEA.lat, OPEN_SEA.lon);
    expect([outside.agency?.code, outside.area, outside.fallback]).toEqual(['ioc', null, true]);
    expect(outside.explanation.en).toContain('outside every area of the city');
  });

  it('has no agency at all only when the city has no operations center', async () => {
    await withRollback(async (tx) => {
      await tx.query(`UPDATE agencies SET active = false WHERE code = 'ioc'`);
      const decision = await routeCase(tx, null, CITADEL.lat, CITADEL.lon);
      expect(decision.agency).toBeNull();
      expect(decision.explanation.en).toBe('The report has no category yet, so an operator triages it by hand.');
    });
  });

  it('gives one line for the timeline, Vietnamese first', async () => {
    const line = explanationLine(await routeCase(t.db, 'road_damage', CITADEL.lat, CITADEL.lon));
    expect(line).toBe(
      'Phản ánh lĩnh vực “Hư hỏng đường, vỉa hè” được chuyển đến Sở Xây dựng, đơn vị phụ trách lĩnh vực này toàn thành phố. | ' +
        '“Roads and sidewalks” reports go to Department of Construction, which handles them city-wide.',
    );
  });
});
