// The operator's queue (filters, Vietnamese search with or without diacritics, cursor
// pages), the public map without personal data, and the measures computed from timelines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let hepco: TestUser;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

const PLACES = {
  citadel: { lat: 16.4698, lon: 107.5786 },
  beach: { lat: 16.5626, lon: 107.644 },
};

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
  const reports = {
    pothole: {
      description: 'Ổ gà rất sâu trên đường Lê Duẩn, gọi 0905 123 456 hoặc an@mail.vn',
      category: 'road_damage',
      ...PLACES.citadel,
    },
    garbage: { description: 'Rác thải bốc mùi ở bãi biển', category: 'waste', ...PLACES.beach },
    light: { description: 'Đèn đường không sáng', category: 'streetlight', ...PLACES.citadel },
  };
  for (const [name, payload] of Object.entries(reports)) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.auth, payload });
    ids[name] = response.json().id;
    codes[name] = response.json().code;
  }
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${ids.garbage}/assign`,
    headers: operator.auth,
    payload: { agency: 'hepco' },
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${ids.light}/triage`,
    headers: operator.auth,
    payload: { priority: 'urgent' },
  });
});
afterAll(() => t.close());

const queue = async (query: string, user = operator) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: user.auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Array<{ id: string; code: string }>; next: string | null };
};
const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((c) => c.id).sort();

describe('the queue', () => {
  it('filters by state, category, area, agency, priority and channel', async () => {
    expect(idsOf(await queue('state=assigned'))).toEqual([ids.garbage]);
    expect(idsOf(await queue('category=road_damage'))).toEqual([ids.pothole]);
    expect(idsOf(await queue('area=19753'))).toEqual([ids.light, ids.pothole].sort());
    expect(idsOf(await queue('area=46'))).toHaveLength(3); // the city holds every ward
    expect(idsOf(await queue('agency=hepco'))).toEqual([ids.garbage]);
    expect(idsOf(await queue('priority=urgent'))).toEqual([ids.light]);
    expect(idsOf(await queue('channel=app'))).toHaveLength(3);
    expect(idsOf(await queue('channel=hotline'))).toHaveLength(0);
  });

  it('finds Vietnamese words with or without diacritics, and case codes', async () => {
    expect(idsOf(await queue(`q=${encodeURIComponent('ổ gà')}`))).toEqual([ids.pothole]);
    expect(idsOf(await queue('q=o%20ga'))).toEqual([ids.pothole]);
    expect(idsOf(await queue('q=RAC%20THAI'))).toEqual([ids.garbage]);
    expect(idsOf(await queue(`q=${codes.light?.toLowerCase()}`))).toEqual([ids.light]);
    expect(idsOf(await queue('q=100%25'))).toEqual([]);
  });

  it('puts urgent first when sorted by priority, and pages by cursor without gaps', async () => {
    expect((await queue('sort=priority')).items[0]?.id).toBe(ids.light);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof queue>> = await queue(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next;
    } while (cursor);
    expect(seen.sort()).toEqual(Object.values(ids).sort());
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/cases?cursor=bm9wZQ', headers: operator.auth });
    expect(bad.statusCode).toBe(400);
  });

  it("shows agency staff their agency's cases only", async () => {
    expect(idsOf(await queue('', hepco))).toEqual([ids.garbage]);
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${ids.pothole}`, headers: hepco.auth });
    expect(other.statusCode).toBe(404);
  });
});

describe('public data', () => {
  it('serves the map as GeoJSON without any personal data, filtered by bbox', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/public/reports' });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(3);
    const text = JSON.stringify(body);
    for (const secret of ['0905 123 456', 'an@mail.vn', citizen.id, citizen.phone as string])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(reporter|phone|email|display_name)":/);

    const beachOnly = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/reports?bbox=107.62,16.55,107.66,16.58',
    });
    expect(beachOnly.json().features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      codes.garbage,
    ]);
    const invalid = await t.app.inject({ method: 'GET', url: '/api/v1/public/reports?bbox=1,2,3' });
    expect(invalid.statusCode).toBe(400);
  });

  it('shows one case with its public timeline and nothing internal', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ids.garbage}/notes`,
      headers: operator.auth,
      payload: { text: 'gọi lại cho chị Lan' },
    });
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${codes.garbage}` });
    expect(response.statusCode).toBe(200);
    const text = JSON.stringify(response.json());
    expect(text).not.toContain('chị Lan');
    expect(response.json().timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'assigned']);
    expect(response.json().timeline.every((e: { actor_name?: string }) => e.actor_name === undefined)).toBe(true);
  });

  it('computes the measures from the timelines', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ids.garbage}/accept`,
      headers: hepco.auth,
      payload: {},
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ids.garbage}/resolve`,
      headers: hepco.auth,
      payload: { message: 'Đã dọn' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/reports/${ids.garbage}/rating`,
      headers: citizen.auth,
      payload: { rating: 4 },
    });
    const measures = (await t.app.inject({ method: 'GET', url: '/api/v1/public/measures' })).json();
    expect(measures).toMatchObject({
      received: 3,
      open: 2,
      resolved: 1,
      rated: 1,
      satisfaction_rate: 1,
      on_time_rate: 1,
      reopen_rate: 0,
    });
    expect(measures.median_hours_to_first_response).toBeGreaterThanOrEqual(0);
    const byAgency = (await t.app.inject({ method: 'GET', url: '/api/v1/public/measures?agency=doc' })).json();
    expect(byAgency.received).toBe(0);
  });
});
