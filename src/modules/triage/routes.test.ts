// Triage over HTTP: the suggestion (with routing, similar cases and abuse flags), the citizens'
// rate limit, staff duplicates with agency scoping, "follow this case instead", and the admin's
// thresholds and corrections report, through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import type { App } from '../../platform/http/types.js';
import { takeFromLimits } from '../../platform/rate-limit.js';
import { recordCorrection } from './corrections.js';
import { CITIZEN_SUGGESTIONS_PER_MINUTE } from './routes.js';
import { createClassifier, loadTriageModel, suggestTriage, type TriageClassifier } from './service.js';
import { autoAssignmentFor, shouldAutoAssign } from './thresholds.js';

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
  users.hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
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
    const response = await suggest({ text: POTHOLE, ...CITADEL });
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
        vi: 'lĩnh vực road_damage -> loại đơn vị infrastructure -> Sở Xây dựng (toàn thành phố)',
        en: 'category road_damage -> kind infrastructure -> Department of Construction (city-wide)',
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

describe('GET /cases/:id/duplicates', () => {
  const duplicates = (name: string, user?: TestUser, query = '') =>
    api.inject({ method: 'GET', url: `/api/v1/cases/${cases[name]?.id}/duplicates${query}`, headers: user?.auth });

  it('gives operators the merge candidates of a case with their scores', async () => {
    const response = await duplicates('pothole', users.operator);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.code).toBe(cases.pothole?.code);
    const codes = body.items.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining([cases.pothole2?.code, cases.held?.code]));
    expect(codes).not.toContain(cases.pothole?.code);
    for (const item of body.items) expect(item.score).toBeGreaterThan(0);
    expect((await duplicates('pothole', users.operator, '?radius=5')).json().items).toEqual([]);
  });

  it("shows agency staff only their agency's cases, and hides the others' cases", async () => {
    expect((await duplicates('pothole', users.doc)).statusCode).toBe(404);
    const held = await duplicates('held', users.doc);
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().items).toEqual([]); // the other potholes are not doc's (yet)
    expect((await duplicates('held', users.hepco)).statusCode).toBe(404);
    expect((await duplicates('held', users.reporter)).statusCode).toBe(403);
    const missing = await api.inject({
      method: 'GET',
      url: '/api/v1/cases/00000000-0000-4000-8000-000000000000/duplicates',
      headers: users.operator?.auth,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('POST /public/reports/:code/support', () => {
  const support = (name: string, user?: TestUser) =>
    api.inject({ method: 'POST', url: `/api/v1/public/reports/${cases[name]?.code}/support`, headers: user?.auth });

  it('makes the citizen a supporter once, with a supported event, and is idempotent after', async () => {
    const first = await support('pothole2', users.neighbour);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ code: cases.pothole2?.code, supporter_count: 1, already_following: false });
    const second = await support('pothole2', users.neighbour);
    expect(second.json()).toEqual({ code: cases.pothole2?.code, supporter_count: 1, already_following: true });
    const { rows } = await t.db.query<{ reason: string }>(
      'SELECT reason FROM case_followers WHERE case_id = $1 AND user_id = $2',
      [cases.pothole2?.id, users.neighbour?.id],
    );
    expect(rows).toEqual([{ reason: 'supporter' }]);
    const staffView = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${cases.pothole2?.id}`,
      headers: users.operator?.auth,
    });
    const supported = staffView.json().timeline.filter((e: { type: string }) => e.type === 'supported');
    expect(supported).toHaveLength(1);
    expect(staffView.json().supporter_count).toBe(1);
  });

  it('changes nothing when the reporter supports their own report', async () => {
    const response = await support('pothole2', users.reporter);
    expect(response.json()).toMatchObject({ supporter_count: 1, already_following: true });
  });

  it('refuses closed and merged reports, hides rejected ones, and is for citizens', async () => {
    const merged = await support('merged', users.neighbour);
    expect(merged.statusCode).toBe(409);
    expect(merged.json().error).toMatchObject({
      code: 'case_not_open',
      details: { state: 'merged', merged_into: cases.pothole?.code },
    });
    expect((await support('rejected', users.neighbour)).statusCode).toBe(404);
    const unknown = await api.inject({
      method: 'POST',
      url: '/api/v1/public/reports/HUE-0000-000000/support',
      headers: users.neighbour?.auth,
    });
    expect(unknown.statusCode).toBe(404);
    expect((await support('pothole', users.operator)).statusCode).toBe(403);
  });
});

describe('auto-assign thresholds', () => {
  const put = (items: unknown, user = users.admin) =>
    api.inject({ method: 'PUT', url: '/api/v1/triage/thresholds', headers: user?.auth, payload: { items } });

  it('are off for every category until an admin sets one, and are audited', async () => {
    const before = await api.inject({ method: 'GET', url: '/api/v1/triage/thresholds', headers: users.admin?.auth });
    expect(before.statusCode).toBe(200);
    expect(before.json().items.length).toBeGreaterThanOrEqual(17);
    expect(before.json().items.every((i: { threshold: unknown }) => i.threshold === null)).toBe(true);
    expect(await shouldAutoAssign(t.db, 'road_damage', 0.99)).toBe(false);

    const set = await put([{ category: 'road_damage', threshold: 0.9 }]);
    expect(set.statusCode, set.body).toBe(200);
    const road = set.json().items.find((i: { category: string }) => i.category === 'road_damage');
    expect(road).toMatchObject({ threshold: 0.9, name_vi: 'Hư hỏng đường, vỉa hè' });
    expect(road.updated_at).not.toBeNull();
    expect(await shouldAutoAssign(t.db, 'road_damage', 0.9)).toBe(true);
    expect(await shouldAutoAssign(t.db, 'road_damage', 0.89)).toBe(false);
    expect(await shouldAutoAssign(t.db, 'waste', 0.99)).toBe(false);
    const { rows } = await t.db.query<{ details: { changes: unknown } }>(
      `SELECT details FROM audit_log WHERE action = 'triage.thresholds_updated' AND actor_id = $1`,
      [users.admin?.id],
    );
    expect(rows[0]?.details.changes).toEqual([{ category: 'road_damage', threshold: 0.9 }]);
  });

  it('decide auto-assignment at intake: agreement, no abuse flag, a routed agency, the threshold', async () => {
    await put([{ category: 'road_damage', threshold: 0.5 }]);
    const suggestion = await suggestTriage(t.db, classifier, { text: POTHOLE, ...CITADEL });
    expect(await autoAssignmentFor(t.db, suggestion, null)).toMatchObject({
      categoryCode: 'road_damage',
      agencyCode: 'doc',
      explanation: expect.stringContaining('| category road_damage -> kind infrastructure'),
    });
    expect(await autoAssignmentFor(t.db, suggestion, 'road_damage')).not.toBeNull();
    expect(await autoAssignmentFor(t.db, suggestion, 'waste')).toBeNull();
    const flagged = { ...suggestion, abuse: { flagged: true, reasons: ['insult' as const] } };
    expect(await autoAssignmentFor(t.db, flagged, null)).toBeNull();
    const unlocated = await suggestTriage(t.db, classifier, { text: POTHOLE });
    expect(await autoAssignmentFor(t.db, unlocated, null)).toBeNull();
    await put([{ category: 'road_damage', threshold: null }]);
    expect(await autoAssignmentFor(t.db, suggestion, null)).toBeNull();
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
