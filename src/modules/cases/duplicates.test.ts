// Duplicates as case actions, through the real app: the merge candidates of a case with agency
// scoping, and "I have this problem too", which makes a citizen follow an open report without
// changing its version (staff holding the case keep working on it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import type { App } from '../../platform/http/types.js';
import { replayCase } from './timeline.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };
const POTHOLE = 'Ổ gà rất sâu trên đường Lê Duẩn trước cổng Thành, xe máy té ngã';

let t: TestApp;
let api: App;
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
  api = t.app;
  users.reporter = await createUser(t.db, 'citizen');
  users.neighbour = await createUser(t.db, 'citizen');
  users.other = await createUser(t.db, 'citizen');
  users.operator = await createUser(t.db, 'operator');
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

describe("a citizen's support and the staff holding the case", () => {
  it('leaves the version as it was, so an action taken on the page staff hold still goes through', async () => {
    const view = async () =>
      (await api.inject({ method: 'GET', url: `/api/v1/cases/${cases.held?.id}`, headers: users.doc?.auth })).json();
    const held = await view();
    const supported = await api.inject({
      method: 'POST',
      url: `/api/v1/public/reports/${cases.held?.code}/support`,
      headers: users.other?.auth,
    });
    expect(supported.statusCode, supported.body).toBe(200);
    expect(supported.json()).toMatchObject({ supporter_count: 1, already_following: false });
    const after = await view();
    expect(after.version).toBe(held.version);
    expect(after.supporter_count).toBe(held.supporter_count + 1);
    // the agency accepts the case with the version it read before the support: no 409
    const accepted = await caseAction(t, users.doc as TestUser, cases.held?.id, 'accept', { version: held.version });
    expect(accepted).toMatchObject({ state: 'in_progress', version: held.version + 1 });
    // the row is still what its timeline gives
    const replayed = await replayCase(t.db, cases.held?.id as string);
    expect(replayed).toMatchObject({ version: held.version + 1, supporter_count: 1 });
  });
});
