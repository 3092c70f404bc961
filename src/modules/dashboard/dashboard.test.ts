// The dashboard through the real API: a scripted set of cases (reported, triaged, assigned,
// resolved, rated, reopened, rejected, merged, waiting) and the figures every endpoint gives,
// checked against computeMeasures; filters, CSV downloads, who may see what, and bad queries.
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { DashboardMeasures } from '../../shared/dashboard.js';
import { computeMeasures, type MeasureFilter, type Measures } from '../cases/measures.js';
import { foldCaseChanges } from './rollup.js';
import { cityToday, shiftDay } from './scope.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let admin: TestUser;
let hepco: TestUser;
let doc: TestUser;
let hepcoAdmin: TestUser;
const ids: Record<string, string> = {};

const CITADEL = { lat: 16.4698, lon: 107.5786 };
const BEACH = { lat: 16.5626, lon: 107.644 };
const ZONE = 'Asia/Ho_Chi_Minh';

async function post(user: TestUser, url: string, payload: Record<string, unknown> = {}) {
  const response = await t.app.inject({ method: 'POST', url, headers: user.auth, payload });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
}

async function report(name: string, payload: Record<string, unknown>, by: TestUser = citizen) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: by.auth, payload });
  expect(response.statusCode, response.body).toBe(201);
  ids[name] = response.json().id;
}

const caseUrl = (name: string, action: string) => `/api/v1/cases/${ids[name]}/${action}`;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  admin = await createUser(t.db, 'admin');
  hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
  doc = await createUser(t.db, 'agency_staff', { agencyCode: 'doc' });
  hepcoAdmin = await createUser(t.db, 'agency_admin', { agencyCode: 'hepco' });

  await report('closed', { description: 'Rác đầy thùng trước chợ Đông Ba', category: 'waste', ...CITADEL });
  await report('reopened', { description: 'Rác thải bốc mùi ở bãi biển', category: 'waste', ...BEACH });
  // a call the operations center took down
  await report(
    'rejected',
    { description: 'Quảng cáo bán hàng, gọi 0905 123 456', category: 'road_damage', channel: 'hotline', ...CITADEL },
    operator,
  );
  await report('submitted', { description: 'Đèn đường không sáng', category: 'streetlight', ...CITADEL });
  await report('duplicate', { description: 'Rác trước chợ Đông Ba chưa được dọn', category: 'waste', ...CITADEL });
  await report('waiting', { description: 'Ổ gà sâu trên đường Lê Duẩn', category: 'road_damage', ...CITADEL });

  for (const name of ['closed', 'reopened']) {
    await post(operator, caseUrl(name, 'assign'), { agency: 'hepco' });
    await post(hepco, caseUrl(name, 'accept'));
  }
  await post(operator, caseUrl('duplicate', 'merge'), { into: ids.closed });
  for (const name of ['closed', 'reopened']) await post(hepco, caseUrl(name, 'resolve'), { message: 'Đã dọn' });
  await post(citizen, `/api/v1/me/reports/${ids.closed}/rating`, { rating: 5, fixed: true });
  await post(citizen, `/api/v1/me/reports/${ids.reopened}/rating`, { rating: 2, fixed: false });
  await post(hepco, caseUrl('reopened', 'accept'));
  await post(hepco, caseUrl('reopened', 'resolve'), { message: 'Đã dọn lại' });
  await post(operator, caseUrl('rejected', 'triage'), { priority: 'low' });
  await post(operator, caseUrl('rejected', 'reject'), { reason: 'Quảng cáo' });
  await post(operator, caseUrl('waiting', 'assign'), { agency: 'doc' });
  await post(doc, caseUrl('waiting', 'accept'));
  await post(doc, caseUrl('waiting', 'request-info'), { message: 'Xin thêm ảnh' });
  // most figures below are read from the roll-up; the last changes stay in the log
  await foldCaseChanges(t.db, ZONE);
  await post(citizen, `/api/v1/me/reports/${ids.waiting}/reply`, { message: 'Ảnh đây' });
}, 120_000);
afterAll(() => t.close());

async function get(url: string, user?: TestUser) {
  return t.app.inject({ method: 'GET', url, headers: user?.auth ?? {} });
}

async function json<T>(url: string, user: TestUser | undefined = operator): Promise<T> {
  const response = await get(url, user);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

/** The dashboard's figures against the cases module's own: counts and rates exact, medians within a bucket. */
function expectSameFigures(actual: DashboardMeasures, expected: Measures) {
  const { median_hours_to_first_response: firstResponse, median_hours_to_resolve: resolve, ...rest } = actual;
  expect({ ...rest, overdue: undefined }).toEqual({
    received: expected.received,
    open: expected.open,
    resolved: expected.resolved,
    rejected: expected.rejected,
    overdue: undefined,
    rated: expected.rated,
    on_time_rate: expected.on_time_rate,
    satisfaction_rate: expected.satisfaction_rate,
    reopen_rate: expected.reopen_rate,
  });
  for (const [mine, exact] of [
    [firstResponse, expected.median_hours_to_first_response],
    [resolve, expected.median_hours_to_resolve],
  ] as const) {
    if (exact === null) expect(mine).toBeNull();
    // durations here are seconds long: under a minute the histogram is linear over that minute
    else expect(Math.abs((mine as number) - exact)).toBeLessThanOrEqual(Math.max(exact * 0.036, 1 / 60) + 0.005);
  }
}

const measures = (filter: MeasureFilter = {}) => computeMeasures(t.db, filter);

describe('the summary', () => {
  it('gives what the timelines say, as computeMeasures computes it', async () => {
    const answer = await json<{ query: Record<string, unknown>; measures: DashboardMeasures }>(
      '/api/v1/dashboard/summary',
    );
    expectSameFigures(answer.measures, await measures());
    expect(answer.measures).toMatchObject({ received: 5, open: 2, resolved: 2, rejected: 1, rated: 2, overdue: 0 });
    const today = cityToday(ZONE);
    expect(answer.query).toMatchObject({ from: shiftDay(today, -29), to: today, time_zone: ZONE, category: null });
  });

  it('filters by category, agency, area and channel', async () => {
    const summary = async (query: string) =>
      (await json<{ measures: DashboardMeasures }>(`/api/v1/dashboard/summary?${query}`)).measures;
    expectSameFigures(await summary('category=waste'), await measures({ category: 'waste' }));
    expectSameFigures(await summary('agency=hepco'), await measures({ agency: 'hepco' }));
    expectSameFigures(await summary('area=19753'), await measures({ area: '19753' }));
    // the city holds every ward: its figures are the whole city's
    expectSameFigures(await summary('area=46'), await measures());
    expect(await summary('channel=hotline')).toMatchObject({ received: 1, rejected: 1 });
    expect(await summary('category=waste&area=19753')).toMatchObject({ received: 1, resolved: 1 });
    expect(await summary('category=waste&agency=hepco&channel=app')).toMatchObject({ received: 2, resolved: 2 });
  });

  it('counts nothing outside the date range', async () => {
    const today = cityToday(ZONE);
    const before = await json<{ measures: DashboardMeasures }>(
      `/api/v1/dashboard/summary?from=${shiftDay(today, -60)}&to=${shiftDay(today, -1)}`,
    );
    expect(before.measures).toMatchObject({ received: 0, on_time_rate: null, median_hours_to_resolve: null });
  });
});

describe('breakdowns, series, heat map and league', () => {
  it('breaks the figures down by category, agency, area and channel', async () => {
    type Rows = { rows: { key: string | null; name_vi: string; measures: DashboardMeasures }[] };
    const byCategory = await json<Rows>('/api/v1/dashboard/breakdown?by=category');
    // most reports first, ties by code
    expect(byCategory.rows.map((row) => [row.key, row.measures.received])).toEqual([
      ['road_damage', 2],
      ['waste', 2],
      ['streetlight', 1],
    ]);
    for (const row of byCategory.rows) expectSameFigures(row.measures, await measures({ category: row.key as string }));
    expect(byCategory.rows[1]?.name_vi).toBe('Rác thải, vệ sinh môi trường');

    const byAgency = await json<Rows>('/api/v1/dashboard/breakdown?by=agency');
    expect(byAgency.rows.map((row) => [row.key, row.measures.received])).toEqual([
      [null, 2],
      ['hepco', 2],
      ['doc', 1],
    ]);
    expect(byAgency.rows[0]?.name_vi).toBe('Chưa giao đơn vị xử lý');

    // below the city: its wards
    const byArea = await json<Rows>('/api/v1/dashboard/breakdown?by=area');
    expect(byArea.rows.map((row) => [row.key, row.measures.received])).toEqual([
      ['19753', 4],
      ['19900', 1],
    ]);
    for (const row of byArea.rows) expectSameFigures(row.measures, await measures({ area: row.key as string }));

    const byChannel = await json<Rows>('/api/v1/dashboard/breakdown?by=channel&category=road_damage');
    expect(byChannel.rows.map((row) => [row.key, row.measures.received])).toEqual([
      ['app', 1],
      ['hotline', 1],
    ]);
  });

  it('gives every day, week and month of the range, empty ones too', async () => {
    const today = cityToday(ZONE);
    type Series = { points: { start: string; end: string; measures: DashboardMeasures }[] };
    const days = await json<Series>(`/api/v1/dashboard/series?interval=day&from=${shiftDay(today, -9)}&to=${today}`);
    expect(days.points).toHaveLength(10);
    expect(days.points.at(-1)).toMatchObject({ start: today, end: today, measures: { received: 5, resolved: 2 } });
    expect(days.points.slice(0, -1).every((point) => point.measures.received === 0)).toBe(true);

    const weeks = await json<Series>(`/api/v1/dashboard/series?interval=week&from=${shiftDay(today, -20)}&to=${today}`);
    expect(weeks.points[0]?.start).toBe(shiftDay(today, -20));
    for (const point of weeks.points.slice(1)) expect(new Date(`${point.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(weeks.points.reduce((sum, p) => sum + p.measures.received, 0)).toBe(5);

    const months = await json<Series>(
      `/api/v1/dashboard/series?interval=month&from=${shiftDay(today, -70)}&to=${today}`,
    );
    expect(months.points.at(-1)?.end).toBe(today);
    expect(months.points.reduce((sum, p) => sum + p.measures.received, 0)).toBe(5);
  });

  it('counts reports per H3 hexagon', async () => {
    type Heat = { min_count: number; cells: { cell: string; received: number; open: number }[] };
    const heat = await json<Heat>('/api/v1/dashboard/heatmap?resolution=8');
    expect(heat.cells.reduce((sum, c) => sum + c.received, 0)).toBe(5);
    const citadel = heat.cells.find((c) => c.cell === latLngToCell(CITADEL.lat, CITADEL.lon, 8));
    expect(citadel).toMatchObject({ received: 4, open: 2 });
    // the public map leaves out cells with too few reports to stay anonymous
    const publicHeat = await json<Heat>('/api/v1/public/dashboard/heatmap?resolution=7', undefined);
    expect(publicHeat.min_count).toBe(3);
    expect(publicHeat.cells.map((c) => c.cell)).toEqual([latLngToCell(CITADEL.lat, CITADEL.lon, 7)]);
    // resolution 7 comes from the roll-up's squares: the same counts as from the exact positions
    const staffHeat = await json<Heat>('/api/v1/dashboard/heatmap?resolution=7');
    expect(staffHeat.cells.find((c) => c.cell === publicHeat.cells[0]?.cell)).toMatchObject({ received: 4 });
    const tooFine = await get('/api/v1/public/dashboard/heatmap?resolution=8');
    expect([tooFine.statusCode, tooFine.json().error.code]).toEqual([400, 'resolution_too_fine']);
  });

  it('lists agencies in the league, unranked until they have enough resolved cases', async () => {
    type League = { rows: { rank: number | null; agency: { code: string }; received: number; resolved: number }[] };
    const league = await json<League>('/api/v1/dashboard/league');
    expect(league.rows.map((row) => [row.agency.code, row.rank, row.received, row.resolved])).toEqual([
      ['hepco', null, 2, 2],
      ['doc', null, 1, 0],
    ]);
  });
});

describe('CSV downloads', () => {
  it('streams UTF-8 with a byte order mark, Vietnamese intact, as an attachment', async () => {
    const response = await get('/api/v1/dashboard/breakdown.csv?by=category', operator);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="citypulse-by-category-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'from,to,by,key,name_vi,name_en,received,open,resolved,rejected,overdue,rated,on_time_rate,satisfaction_rate,reopen_rate,median_hours_to_first_response,median_hours_to_resolve',
    );
    expect(lines[2]).toContain(',waste,"Rác thải, vệ sinh môi trường",Garbage and sanitation,2,0,2,0,0,2,');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('offers every figure as CSV, the public ones without overdue counts', async () => {
    for (const path of ['summary', 'breakdown', 'series', 'heatmap', 'league']) {
      const query = path === 'breakdown' ? '?by=agency' : '';
      const staff = await get(`/api/v1/dashboard/${path}.csv${query}`, admin);
      expect(staff.statusCode, path).toBe(200);
      const open = await get(`/api/v1/public/dashboard/${path}.csv${query}`);
      expect(open.statusCode, path).toBe(200);
      expect(open.body.split('\r\n')[0], path).not.toContain('overdue');
      if (path !== 'heatmap') expect(staff.body.split('\r\n')[0], path).toContain('overdue');
    }
  });
});

describe('who sees what', () => {
  it('keeps citizens and agency staff out of the staff dashboard', async () => {
    for (const user of [citizen, hepco]) {
      const response = await get('/api/v1/dashboard/summary', user);
      expect(response.statusCode).toBe(403);
    }
    expect((await get('/api/v1/dashboard/league.csv')).statusCode).toBe(401);
  });

  it("shows agency admins their own agency's figures only", async () => {
    const own = await json<{ query: { agency: string }; measures: DashboardMeasures }>(
      '/api/v1/dashboard/summary',
      hepcoAdmin,
    );
    expect(own.query.agency).toBe('hepco');
    expectSameFigures(own.measures, await measures({ agency: 'hepco' }));
    const other = await get('/api/v1/dashboard/summary?agency=doc', hepcoAdmin);
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'other_agency']);
    const league = await json<{ rows: { agency: { code: string } }[] }>('/api/v1/dashboard/league', hepcoAdmin);
    expect(league.rows.map((row) => row.agency.code)).toEqual(['hepco']);
  });

  it('gives the public the figures without overdue counts, small numbers withheld, and no person', async () => {
    const answer = await json<{ query: { suppressed_below: number }; measures: DashboardMeasures }>(
      '/api/v1/public/dashboard/summary',
      undefined,
    );
    expect(answer.query.suppressed_below).toBe(5);
    expect(answer.measures).not.toHaveProperty('overdue');
    // five reports: counts are shown, but two ratings (or four answers) say too much about a few people
    expect(answer.measures).toMatchObject({
      received: 5,
      rated: 2,
      satisfaction_rate: null,
      on_time_rate: null,
      median_hours_to_first_response: null,
    });
    const staff = await json<{ measures: DashboardMeasures }>('/api/v1/dashboard/summary', operator);
    expect(staff.measures.satisfaction_rate).toBe(0.5);
    const everything = [
      await get('/api/v1/public/dashboard/breakdown?by=area'),
      await get('/api/v1/public/dashboard/series'),
      await get('/api/v1/public/dashboard/league'),
      await get('/api/v1/public/dashboard/heatmap'),
    ]
      .map((response) => response.body)
      .join('\n');
    for (const secret of [citizen.id, citizen.phone as string, '0905 123 456', 'Quảng cáo', ids.closed as string]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('"overdue"');
  });
});

describe('bad questions', () => {
  it.each([
    ['from=2025-02-30', 400, 'validation_failed'],
    ['from=yesterday', 400, 'validation_failed'],
    ['from=2025-03-02&to=2025-03-01', 400, 'invalid_range'],
    ['from=2000-01-01&to=2025-01-01', 400, 'range_too_long'],
    ['category=nothing', 400, 'unknown_category'],
    ['area=99999', 400, 'unknown_area'],
    ['agency=nobody', 400, 'unknown_agency'],
    ['channel=pigeon', 400, 'validation_failed'],
    ['colour=red', 400, 'validation_failed'],
  ])('answers %s with a clear %i', async (query, status, code) => {
    const response = await get(`/api/v1/dashboard/summary?${query}`, operator);
    expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    expect(response.json().error.message).toBeTruthy();
  });

  it('keeps the public from making the server count years of cases one by one', async () => {
    const today = cityToday(ZONE);
    const year = `from=${shiftDay(today, -364)}&to=${today}`;
    const costly = await get(`/api/v1/public/dashboard/summary?${year}&category=waste&agency=hepco&channel=app`);
    expect([costly.statusCode, costly.json().error.code]).toEqual([400, 'range_too_long_for_filters']);
    // the same question over a month, or staff asking, or two filters the roll-up keeps together
    const month = `from=${shiftDay(today, -29)}&to=${today}`;
    expect(
      (await get(`/api/v1/public/dashboard/summary?${month}&category=waste&agency=hepco&channel=app`)).statusCode,
    ).toBe(200);
    expect(
      (await get(`/api/v1/dashboard/summary?${year}&category=waste&agency=hepco&channel=app`, operator)).statusCode,
    ).toBe(200);
    expect((await get(`/api/v1/public/dashboard/summary?${year}&category=waste&area=19753`)).statusCode).toBe(200);
  });

  it('checks the breakdown, series and heat map options', async () => {
    for (const url of [
      '/api/v1/dashboard/breakdown',
      '/api/v1/dashboard/breakdown?by=colour',
      '/api/v1/dashboard/series?interval=year',
      '/api/v1/public/dashboard/heatmap?resolution=12',
      '/api/v1/public/dashboard/summary.csv?from=2025-13-01',
    ]) {
      const response = await get(url, operator);
      expect([url, response.statusCode, response.json().error.code]).toEqual([url, 400, 'validation_failed']);
    }
  });
});

// last: it changes a case the other tests count
describe('a change', () => {
  it('counts a change the moment it is made, before the roll-up folds it', async () => {
    const before = (await json<{ measures: DashboardMeasures }>('/api/v1/dashboard/summary?agency=doc')).measures;
    expect(before).toMatchObject({ received: 1, resolved: 0, open: 1 });
    await post(doc, caseUrl('waiting', 'resolve'), { message: 'Đã vá ổ gà' });
    const after = (await json<{ measures: DashboardMeasures }>('/api/v1/dashboard/summary?agency=doc')).measures;
    expect(after).toMatchObject({ received: 1, resolved: 1, open: 0 });
    expectSameFigures(after, await measures({ agency: 'doc' }));
    const pending = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dashboard_deltas');
    expect(pending.rows[0]?.n).toBeGreaterThan(0);
  });
});
