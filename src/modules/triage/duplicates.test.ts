// The duplicate search: open cases within the radius and the time window, ranked by one score
// from category, text, distance and time, weak matches hidden; and the index it relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import {
  boxAround,
  findSimilarOpenCases,
  haversineMeters,
  MIN_SCORE,
  SCORE_WEIGHTS,
  SIMILAR_CASES_SQL,
  similarCasesParams,
  UNKNOWN_CATEGORY,
} from './duplicates.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };
/** About n metres north of the Citadel point. */
const north = (metres: number) => ({ lat: CITADEL.lat + metres / 111_195, lon: CITADEL.lon });

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
const ids: Record<string, string> = {};

async function report(name: string, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.auth, payload });
  expect(response.statusCode, response.body).toBe(201);
  ids[name] = response.json().id;
}

const staff = (action: string, id: string | undefined, payload: Record<string, unknown>) =>
  caseAction(t, operator, id, action, payload);

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  const pothole = 'Ổ gà rất sâu trên đường Lê Duẩn trước cổng Thành';
  await report('same', {
    description: `${pothole}, gọi 0905 123 456`,
    category: 'road_damage',
    ...north(10),
  });
  await report('reworded', {
    description: 'Mặt đường bị lún, nguy hiểm cho xe máy',
    category: 'road_damage',
    ...north(30),
  });
  await report('uncategorised', { description: 'Đường Lê Duẩn có ổ gà sâu', ...north(20) });
  await report('far', { description: pothole, category: 'road_damage', ...north(80) });
  await report('other_kind', { description: pothole, category: 'streetlight', ...north(5) });
  await report('old', { description: pothole, category: 'road_damage', ...north(5) });
  await report('rejected', { description: pothole, category: 'road_damage', ...north(5) });
  await report('merged', { description: pothole, category: 'road_damage', ...north(5) });
  await report('assigned', { description: 'Ổ gà trên đường Lê Duẩn', category: 'road_damage', ...north(40) });
  await report('drain', {
    description: 'Cống thoát nước trên đường Lê Duẩn trước cổng Thành bị tắc',
    category: 'drainage_flooding',
    ...north(8),
  });
  await t.db.query(`UPDATE cases SET created_at = now() - interval '20 days' WHERE id = $1`, [ids.old]);
  await staff('triage', ids.rejected, { priority: 'low' });
  await staff('reject', ids.rejected, { reason: 'Trùng lặp' });
  await staff('merge', ids.merged, { into: ids.same });
  await staff('assign', ids.assigned, { agency: 'doc' });
});
afterAll(() => t.close());

const search = (query: Partial<Parameters<typeof findSimilarOpenCases>[1]> = {}) =>
  findSimilarOpenCases(t.db, {
    text: 'Ổ gà rất sâu trên đường Lê Duẩn trước cổng Thành',
    ...CITADEL,
    categoryCode: 'road_damage',
    ...query,
  });
const nameOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0];

describe('findSimilarOpenCases', () => {
  it('finds open cases nearby, the likeliest duplicate first, and hides weak matches', async () => {
    const found = await search();
    const names = found.map((c) => nameOf(c.case_id));
    expect(names[0]).toBe('same');
    expect(names).toEqual(expect.arrayContaining(['same', 'assigned', 'reworded', 'uncategorised']));
    // the drain at the same place: another category, other words → below the bar
    expect(names).not.toContain('drain');
    const [best] = found;
    expect(best?.score).toBeGreaterThan(found[1]?.score ?? 1);
    expect(best?.distance_m).toBeGreaterThan(8);
    expect(best?.distance_m).toBeLessThan(12);
    expect(best?.text_similarity).toBeGreaterThan(0.3);
    expect(best).toMatchObject({ state: 'submitted', category: 'road_damage' });
    expect(best?.code).toMatch(/^HUE-\d{4}-\d{6}$/);
    expect(best?.created_at).toBeInstanceOf(Date);
    for (const c of found) expect(c.score).toBeGreaterThanOrEqual(MIN_SCORE);
    // shown with no bar, the drain still ranks below the real duplicate
    const all = (await search({ minScore: 0, limit: 50 })).map((c) => nameOf(c.case_id));
    expect(all).toContain('drain');
    expect(all.indexOf('drain')).toBeGreaterThan(all.indexOf('same'));
  });

  it('masks personal data in the descriptions it returns', async () => {
    const [best] = await search();
    expect(best?.description).toContain('[phone]');
    expect(best?.description).not.toContain('0905');
  });

  it('leaves out closed, rejected and merged cases, old ones and far ones', async () => {
    const names = (await search({ limit: 50, minScore: 0 })).map((c) => nameOf(c.case_id));
    for (const left of ['far', 'old', 'rejected', 'merged']) expect(names).not.toContain(left);
    expect((await search({ radiusMeters: 100, limit: 50 })).map((c) => nameOf(c.case_id))).toContain('far');
    expect((await search({ days: 30, limit: 50 })).map((c) => nameOf(c.case_id))).toContain('old');
  });

  it('weighs category, text, distance and time together (SCORE_WEIGHTS)', async () => {
    const withBar = await search({ limit: 50, minScore: 0 });
    const score = (name: string, list = withBar) => list.find((c) => nameOf(c.case_id) === name)?.score ?? -1;
    // the same words under another category rank below every same-category case with those words
    expect(score('other_kind')).toBeLessThan(score('same'));
    expect(score('other_kind')).toBeLessThan(score('assigned'));
    // the category part is worth its weight: the same case scores 0.4 less when its category is
    // not among the report's, and the unknown share of it when the report's category is unknown
    const unknown = await search({ categoryCode: null, limit: 50, minScore: 0 });
    const other = await search({ categoryCode: 'waste', limit: 50, minScore: 0 });
    expect(score('same') - score('same', other)).toBeCloseTo(SCORE_WEIGHTS.category, 3);
    expect(score('same') - score('same', unknown)).toBeCloseTo(SCORE_WEIGHTS.category * (1 - UNKNOWN_CATEGORY), 3);
    // a model's second guess counts its probability
    const guessed = await search({
      categoryCode: null,
      categoryLikelihood: [
        { category: 'drainage_flooding', confidence: 0.7 },
        { category: 'road_damage', confidence: 0.3 },
      ],
      limit: 50,
      minScore: 0,
    });
    expect(score('same') - score('same', guessed)).toBeCloseTo(SCORE_WEIGHTS.category * 0.7, 3);
    expect(score('drain', guessed)).toBeGreaterThan(score('drain'));
    const weights = Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0);
    expect(weights).toBeCloseTo(1, 10);
  });

  it('leaves out the case itself, keeps to an agency when asked, and honours the limit', async () => {
    expect((await search({ excludeCaseId: ids.same })).map((c) => c.case_id)).not.toContain(ids.same);
    const { rows } = await t.db.query<{ id: number }>(`SELECT id FROM agencies WHERE code = 'doc'`);
    const held = await search({ agencyId: rows[0]?.id });
    expect(held.map((c) => nameOf(c.case_id))).toEqual(['assigned']);
    expect(await search({ limit: 1 })).toHaveLength(1);
  });

  it('can use the GiST index of open cases for the box', async () => {
    const params = similarCasesParams({ text: 'o ga', ...CITADEL, categoryCode: 'road_damage' });
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${SIMILAR_CASES_SQL}`, params);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('cases_open_location');
  });
});

describe('geometry helpers', () => {
  it('measures metres like the SQL and draws a box that holds the radius', () => {
    const far = north(50);
    expect(haversineMeters(CITADEL.lat, CITADEL.lon, far.lat, far.lon)).toBeCloseTo(50, 0);
    const box = boxAround(CITADEL.lat, CITADEL.lon, 50);
    expect(haversineMeters(CITADEL.lat, CITADEL.lon, box.maxLat, CITADEL.lon)).toBeGreaterThanOrEqual(50);
    expect(haversineMeters(CITADEL.lat, CITADEL.lon, CITADEL.lat, box.maxLon)).toBeGreaterThanOrEqual(50);
  });
});
