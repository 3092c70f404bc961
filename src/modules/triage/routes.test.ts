// Triage over HTTP: the suggestion (with routing, similar cases and abuse flags), the citizens'
// rate limit, and the admin's thresholds and corrections report, through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import type { App } from '../../platform/http/types.js';
import { takeFromLimits } from '../../platform/rate-limit.js';
import { recordCorrection } from './corrections.js';
import { CITIZEN_SUGGESTIONS_PER_MINUTE } from './routes.js';
import { createClassifier, loadTriageModel, suggestTriage, type TriageClassifier } from './service.js';
import { decideAutoAssignments, readThresholds } from './thresholds.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };
const POTHOLE = 'Ổ gà rất sâu trên đường Lê Duẩn trước cổng Thành, xe máy té ngã';

let t: TestApp;
let api: App;
let classifier: TriageClassifier;
const users: Record<string, TestUser> = {};
const cases: Record<string, { id: string; code: string }> = {};

async function report(name: string, payload: Record<string, unknown>, by = users.reporter) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: by?.auth, payload });
  expect(response.statusCode, response.body).toBe(201);
  cases[name] = { id: response.json().id, code: response.json().code };
}

const staffAction = (action: string, name: string, payload: Record<string, unknown>) =>
  caseAction(t, users.operator as TestUser, cases[name]?.id, action, payload);

beforeAll(async () => {
  t = await createTestApp();
  classifier = createClassifier({ builtIn: await loadTriageModel(), timeoutMs: 1000 });
  api = t.app;
  users.reporter = await createUser(t.db, 'citizen');
  users.neighbour = await createUser(t.db, 'citizen');
  users.operator = await createUser(t.db, 'operator');
  users.admin = await createUser(t.db, 'admin');
  users.doc = await createUser(t.db, 'agency_staff', { agencyCode: 'doc' });
  const near = (metres: number) => ({ lat: CITADEL.lat + metres / 111_195, lon: CITADEL.lon });
  await report('pothole', { description: `${POTHOLE}. Liên hệ 0905 123 456`, category: 'road_damage', ...near(15) });
  await report('pothole2', { description: 'Ổ gà sâu trên đường Lê Duẩn', category: 'road_damage', ...near(25) });
  await report('held', { description: 'Ổ gà lớn trên đường Lê Duẩn', category: 'road_damage', ...near(35) });
  await report('rejected', { description: POTHOLE, category: 'road_damage', ...near(5) });
  await report('merged', { description: POTHOLE, category: 'road_damage', ...near(5) });
  await staffAction('assign', 'held', { agency: 'doc' });
  await staffAction('triage', 'rejected', { priority: 'low' });
  await staffAction('reject', 'rejected', { reason: 'Spam' });
  await staffAction('merge', 'merged', { into: cases.pothole?.id });
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const suggest = (payload: Record<string, unknown>, user = users.reporter) =>
  api.inject({ method: 'POST', url: '/api/v1/triage/suggest', headers: user?.auth, payload });

describe('POST /triage/suggest', () => {
  it('suggests category, priority, the agency and area routing would pick, and similar open cases', async () => {
    const response = await suggest({ text: POTHOLE, ...CITADEL }, users.neighbour);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.category).toMatchObject({
      code: 'road_damage',
      name_vi: 'Hư hỏng đường, vỉa hè',
      name_en: 'Roads and sidewalks',
    });
    expect(body.category.confidence).toBeGreaterThan(0.5);
    expect(body.category.top3).toHaveLength(3);
    expect(body.category.top3[0]).toMatchObject({ code: 'road_damage', name_vi: 'Hư hỏng đường, vỉa hè' });
    expect(['low', 'normal', 'high', 'urgent']).toContain(body.priority.level);
    expect(body.model_version).toBe(classifier.builtIn.version);
    expect(body.classifier).toBe('built_in');
    expect(body.area).toMatchObject({ code: '19753', name_vi: 'Phường Phú Xuân' });
    expect(body.routing).toMatchObject({
      agency: { code: 'doc', name_vi: 'Sở Xây dựng' },
      coverage: { code: '46', city_wide: true },
      fallback: false,
      explanation: {
        vi: 'Phản ánh lĩnh vực “Hư hỏng đường, vỉa hè” được chuyển đến Sở Xây dựng, đơn vị phụ trách lĩnh vực này toàn thành phố.',
        en: '“Roads and sidewalks” reports go to Department of Construction, which handles them city-wide.',
      },
    });
    const similar = body.similar as { code: string; description: string; score: number }[];
    expect(similar[0]?.code).toBe(cases.pothole?.code);
    expect(similar.map((c) => c.code)).toEqual(expect.arrayContaining([cases.pothole2?.code, cases.held?.code]));
    expect(similar.map((c) => c.code)).not.toContain(cases.rejected?.code);
    expect(similar.map((c) => c.code)).not.toContain(cases.merged?.code);
    expect(similar[0]?.description).toContain('[phone]');
    expect(body.abuse).toEqual({ flagged: false, reasons: [] });
  });

  it("never offers citizens their own reports, or those they follow, as someone else's", async () => {
    const codes = async (user: TestUser | undefined) => {
      const response = await suggest({ text: POTHOLE, ...CITADEL }, user);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().similar as { code: string }[]).map((c) => c.code);
    };
    // the reporter of every pothole case nearby gets none of them
    expect(await codes(users.reporter)).toEqual([]);
    // a neighbour who follows one (support) no longer gets that one, still the others
    const follower = await createUser(t.db, 'citizen');
    const supported = await api.inject({
      method: 'POST',
      url: `/api/v1/public/reports/${cases.pothole?.code}/support`,
      headers: follower.auth,
    });
    expect(supported.statusCode, supported.body).toBe(200);
    const seen = await codes(follower);
    expect(seen).not.toContain(cases.pothole?.code);
    expect(seen).toContain(cases.pothole2?.code);
    // staff see them all
    expect(await codes(users.operator)).toContain(cases.pothole?.code);
  });

  it('answers without routing or similar cases when no location is given', async () => {
    const response = await suggest({ text: 'Cột điện đổ, dây điện đứt tóe lửa!' }, users.operator);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      category: { code: 'electricity' },
      priority: { level: 'urgent' },
      area: null,
      routing: null,
      similar: [],
    });
  });

  it('flags abuse', async () => {
    const response = await suggest({ text: 'Mua ngay giá rẻ tại www.shop-re.vn, khuyến mãi lớn', ...CITADEL });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().abuse.flagged).toBe(true);
    expect(response.json().abuse.reasons).toContain('link');
  });

  it('refuses half a location, unknown fields, empty and overlong text', async () => {
    for (const payload of [
      { text: POTHOLE, lat: CITADEL.lat },
      { text: POTHOLE, category: 'road_damage' },
      { text: '' },
      { text: '   ' },
      { text: 'x'.repeat(4001) },
      { text: POTHOLE, lat: 91, lon: 0 },
    ]) {
      const response = await suggest(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await suggest({ text: POTHOLE, lat: CITADEL.lat })).json().error.code).toBe('incomplete_location');
  });

  it('limits citizens to a number a minute, and not staff', async () => {
    const limited = await createUser(t.db, 'citizen');
    for (const user of [limited, users.operator as TestUser]) {
      // the minute's allowance used up at once
      const bucket = `triage:suggest:user:${user.id}`;
      await takeFromLimits(t.db, [{ bucket, max: CITIZEN_SUGGESTIONS_PER_MINUTE, windowSeconds: 60 }], 'full', {
        cost: CITIZEN_SUGGESTIONS_PER_MINUTE,
      });
    }
    const refused = await suggest({ text: POTHOLE }, limited);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect((await suggest({ text: POTHOLE }, users.operator)).statusCode).toBe(200);
  });

  it('is for signed-in people only', async () => {
    const response = await api.inject({ method: 'POST', url: '/api/v1/triage/suggest', payload: { text: POTHOLE } });
    expect(response.statusCode).toBe(401);
  });
});

describe('auto-assign thresholds', () => {
  const put = (items: unknown, user = users.admin) =>
    api.inject({ method: 'PUT', url: '/api/v1/triage/thresholds', headers: user?.auth, payload: { items } });
  /** What intake decides for one report (intake.ts calls the same two functions, once per batch). */
  const decide = async (
    suggestion: Awaited<ReturnType<typeof suggestTriage>>,
    chosenCategory: string | null,
    at: { lat: number; lon: number } = CITADEL,
  ) => {
    const [decision] = await decideAutoAssignments(
      t.db,
      [{ suggestion, chosenCategory, ...at }],
      await readThresholds(t.db),
    );
    return decision?.autoAssignment ?? null;
  };
  const withConfidence = (suggestion: Awaited<ReturnType<typeof suggestTriage>>, confidence: number) => ({
    ...suggestion,
    prediction: { ...suggestion.prediction, category: 'road_damage', confidence },
  });

  it('are off for every category until an admin sets one, and are audited', async () => {
    const before = await api.inject({ method: 'GET', url: '/api/v1/triage/thresholds', headers: users.admin?.auth });
    expect(before.statusCode).toBe(200);
    expect(before.json().items.length).toBeGreaterThanOrEqual(17);
    expect(before.json().items.every((i: { threshold: unknown }) => i.threshold === null)).toBe(true);
    const suggestion = await suggestTriage(t.db, classifier, { text: POTHOLE, ...CITADEL });
    expect(await decide(withConfidence(suggestion, 0.99), null)).toBeNull();

    const set = await put([{ category: 'road_damage', threshold: 0.9 }]);
    expect(set.statusCode, set.body).toBe(200);
    const road = set.json().items.find((i: { category: string }) => i.category === 'road_damage');
    expect(road).toMatchObject({ threshold: 0.9, name_vi: 'Hư hỏng đường, vỉa hè' });
    expect(road.updated_at).not.toBeNull();
    // compared at the precision the threshold is stored in (real): 0.9 reaches 0.9
    expect(await decide(withConfidence(suggestion, 0.9), null)).not.toBeNull();
    expect(await decide(withConfidence(suggestion, 0.89), null)).toBeNull();
    const waste = withConfidence(suggestion, 0.99);
    expect(await decide({ ...waste, prediction: { ...waste.prediction, category: 'waste' } }, null)).toBeNull();
    const { rows } = await t.db.query<{ details: { changes: unknown } }>(
      `SELECT details FROM audit_log WHERE action = 'triage.thresholds_updated' AND actor_id = $1`,
      [users.admin?.id],
    );
    expect(rows[0]?.details.changes).toEqual([{ category: 'road_damage', threshold: 0.9 }]);
  });

  it('decide auto-assignment at intake: agreement, no abuse flag, a routed agency, the threshold', async () => {
    await put([{ category: 'road_damage', threshold: 0.5 }]);
    const suggestion = await suggestTriage(t.db, classifier, { text: POTHOLE, ...CITADEL });
    expect(await decide(suggestion, null)).toMatchObject({
      categoryCode: 'road_damage',
      agencyCode: 'doc',
      explanation: expect.stringContaining('| “Roads and sidewalks” reports go to Department of Construction'),
    });
    expect(await decide(suggestion, 'road_damage')).not.toBeNull();
    expect(await decide(suggestion, 'waste')).toBeNull();
    const flagged = { ...suggestion, abuse: { flagged: true, reasons: ['insult' as const] } };
    expect(await decide(flagged, null)).toBeNull();
    // outside every agency's area routing falls back to the operations center: no auto-assign
    expect(await decide(suggestion, null, { lat: 21.0285, lon: 105.8542 })).toBeNull();
    await put([{ category: 'road_damage', threshold: null }]);
    expect(await decide(suggestion, null)).toBeNull();
  });

  it('refuse unknown categories, out-of-range values, repeats, and anyone but an admin', async () => {
    expect((await put([{ category: 'no_such', threshold: 0.5 }])).json().error.code).toBe('unknown_category');
    expect((await put([{ category: 'waste', threshold: 1.5 }])).statusCode).toBe(400);
    expect((await put([{ category: 'waste' }])).statusCode).toBe(400);
    expect((await put([])).statusCode).toBe(400);
    const twice = await put([
      { category: 'waste', threshold: 0.5 },
      { category: 'waste', threshold: 0.6 },
    ]);
    expect(twice.json().error.code).toBe('duplicate_category');
    expect((await put([{ category: 'waste', threshold: 0.5 }], users.operator)).statusCode).toBe(403);
    const read = await api.inject({ method: 'GET', url: '/api/v1/triage/thresholds', headers: users.operator?.auth });
    expect(read.statusCode).toBe(403);
  });
});

describe('GET /triage/corrections/summary', () => {
  it('counts corrections by field and category, and those the model was not trained on', async () => {
    const summary = () =>
      api.inject({ method: 'GET', url: '/api/v1/triage/corrections/summary', headers: users.admin?.auth });
    // (once the workflow records corrections, the triage steps of beforeAll are counted too)
    const before = (await summary()).json();
    expect(before).toMatchObject({ seen_by: 'training_texts', model_version: classifier.builtIn.version });

    const { rows } = await t.db.query<{ id: number; code: string }>(
      `SELECT id, code FROM categories WHERE code IN ('road_damage', 'drainage_flooding')`,
    );
    const id = (code: string) => rows.find((r) => r.code === code)?.id as number;
    await t.db.transaction((tx) =>
      recordCorrection(tx, {
        caseId: cases.pothole2?.id as string,
        correctedBy: users.operator?.id as string,
        categoryId: { from: id('road_damage'), to: id('drainage_flooding') },
        priority: { from: 'normal', to: 'high' },
      }),
    );
    const response = await summary();
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json();
    expect(after.total - before.total).toBe(2);
    expect(after.not_seen - before.not_seen).toBe(2);
    expect(after.seen_by_model).toBe(before.seen_by_model);
    expect(after.by_field.category - before.by_field.category).toBe(1);
    expect(after.by_field.priority - before.by_field.priority).toBe(1);
    expect(after.by_category).toContainEqual({
      category: 'drainage_flooding',
      total: 2,
      seen_by_model: 0,
      not_seen: 2,
    });
    const denied = await api.inject({
      method: 'GET',
      url: '/api/v1/triage/corrections/summary',
      headers: users.operator?.auth,
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('the routes', () => {
  it('declare their access rules and appear in what the access walk sees', () => {
    const rules = api.accessRules.filter((rule) => rule.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cases/:id/duplicates',
        'GET /api/v1/triage/corrections/summary',
        'GET /api/v1/triage/thresholds',
        'POST /api/v1/public/reports/:code/support',
        'POST /api/v1/triage/suggest',
        'PUT /api/v1/triage/thresholds',
      ]),
    );
  });
});
