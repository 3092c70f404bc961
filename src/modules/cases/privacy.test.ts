// Who sees whom on a case (docs/security.md, "Who sees the reporter"): a supporter sees what
// the public sees, never the reporter's own view; the reporter of an anonymous report is
// known to the operations center only, each time recorded in the audit log; the reporter's
// own name and phone are masked wherever the public reads their text.
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { caseAction } from '../../../test/requests.js';
import { jpegWithGps, multipartBody, PHOTO_PLACE } from '../media/test-fixtures.js';
import { findSimilarOpenCases } from '../triage/duplicates.js';
import { deliveryBody } from '../webhooks/sender.js';

let t: TestApp;
let reporter: TestUser;
let supporter: TestUser;
let operator: TestUser;
let admin: TestUser;
let hepco: TestUser;

const REPORTER_NAME = 'Nguyễn Văn Hùng';
const PLACE = { lat: 16.4698, lon: 107.5786 };
const DESCRIPTION = `Cột điện nghiêng sắp đổ trước nhà số 12 Lê Lợi. Tôi là ${REPORTER_NAME}, gọi 0905 123 456 hoặc hung@example.vn`;

interface Shown {
  id: string;
  code: string;
  description: string;
  following_as?: string;
  media: { id: string; url: string; type: string }[];
  timeline?: { type: string; message: string | null; actor_name?: string | null; actor_role: string | null }[];
  reporter?: { id: string; display_name: string; phone: string | null } | null;
}

const get = async (user: TestUser | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: user ? user.auth : {} });

async function getOk<T = Shown>(user: TestUser | null, url: string): Promise<T> {
  const response = await get(user, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

async function post(user: TestUser, url: string, payload: object) {
  return t.app.inject({ method: 'POST', url, headers: user.auth, payload });
}

async function reportWithPhoto(user: TestUser, fields: Record<string, string>): Promise<Shown> {
  const { body, contentType } = await multipartBody(
    [{ name: 'pole.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
    { lat: String(PLACE.lat), lon: String(PLACE.lon), ...fields },
  );
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { ...user.auth, 'content-type': contentType },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Shown;
}

beforeAll(async () => {
  t = await createTestApp();
  reporter = await createUser(t.db, 'citizen');
  supporter = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  admin = await createUser(t.db, 'admin');
  hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
  await t.db.query('UPDATE users SET display_name = $2 WHERE id = $1', [reporter.id, REPORTER_NAME]);
});
afterAll(() => t.close());

describe('a supporter', () => {
  let report: Shown;

  beforeAll(async () => {
    report = await reportWithPhoto(reporter, { description: DESCRIPTION, category: 'streetlight' });
    const supported = await post(supporter, `/api/v1/public/reports/${report.code}/support`, {});
    expect(supported.statusCode, supported.body).toBe(200);
    await caseAction(t, operator, report.id, 'assign', { agency: 'hepco' });
    await caseAction(t, hepco, report.id, 'accept', {});
    await caseAction(t, hepco, report.id, 'request-info', {
      message: `Anh ${REPORTER_NAME} cho biết cột số mấy? Gọi lại 0905 123 456`,
    });
  });

  it('reads the case as the public does: text masked, public copies of photos, no names', async () => {
    const shown = await getOk(supporter, `/api/v1/me/reports/${report.id}`);
    const publicCase = await getOk(null, `/api/v1/public/reports/${report.code}`);
    expect(shown.following_as).toBe('supporter');
    expect(shown.description).toBe(publicCase.description);
    expect(shown.description).toBe(
      'Cột điện nghiêng sắp đổ trước nhà số 12 Lê Lợi. Tôi là [name], gọi [phone] hoặc [email]',
    );
    expect(shown.media.map((m) => m.url)).toEqual(publicCase.media.map((m) => m.url));
    expect(shown.media.every((m) => m.url.startsWith('/api/v1/media/'))).toBe(true);
    const asked = shown.timeline?.find((e) => e.type === 'info_requested');
    expect(asked?.message).toBe('Anh [name] cho biết cột số mấy? Gọi lại [phone]');
    expect(JSON.stringify(shown)).not.toMatch(/0905|hung@|Hùng|actor_name/);
  });

  it('finds it among their reports in the same public form', async () => {
    const mine = await getOk<{ items: Shown[] }>(supporter, '/api/v1/me/reports');
    const listed = mine.items.find((item) => item.id === report.id);
    expect(listed?.following_as).toBe('supporter');
    expect(listed?.description).not.toMatch(/0905|hung@|Hùng/);
    expect(JSON.stringify(mine)).not.toContain(`/api/v1/cases/${report.id}/media/`);
  });

  it('cannot download the original photo (GPS, camera), answer or rate', async () => {
    const photo = report.media.find((m) => m.type === 'image') as { id: string };
    const original = `/api/v1/cases/${report.id}/media/${photo.id}`;
    expect((await get(supporter, original)).statusCode).toBe(404);
    expect((await post(supporter, `/api/v1/me/reports/${report.id}/reply`, { message: 'Cột số 5' })).statusCode).toBe(
      404,
    );
    expect((await post(supporter, `/api/v1/me/reports/${report.id}/rating`, { rating: 1 })).statusCode).toBe(404);
  });

  it('is told of progress as a follower, never asked to answer', async () => {
    const inbox = await getOk<{ items: { kind: string; title_en: string }[] }>(supporter, '/api/v1/me/notifications');
    expect(inbox.items.map((n) => n.kind)).toContain('assigned');
    expect(inbox.items.map((n) => n.kind)).not.toContain('info_requested');
    expect(inbox.items.every((n) => n.title_en.includes('you follow'))).toBe(true);
  });

  it("is a name on the timeline for the operations center only, not for the agency's staff", async () => {
    const named = (shown: Shown) => shown.timeline?.find((e) => e.type === 'supported')?.actor_name;
    expect(named(await getOk(operator, `/api/v1/cases/${report.id}`))).toBe('Test citizen');
    expect(named(await getOk(hepco, `/api/v1/cases/${report.id}`))).toBeNull();
    // the named reporter they may know
    const submitted = (await getOk(hepco, `/api/v1/cases/${report.id}`)).timeline?.find((e) => e.type === 'submitted');
    expect(submitted?.actor_name).toBe(REPORTER_NAME);
  });

  it('leaves the reporter their own full view and original photo', async () => {
    const shown = await getOk(reporter, `/api/v1/me/reports/${report.id}`);
    expect(shown.following_as).toBe('reporter');
    expect(shown.description).toBe(DESCRIPTION);
    const photo = report.media.find((m) => m.type === 'image') as { id: string };
    const original = await get(reporter, `/api/v1/cases/${report.id}/media/${photo.id}`);
    expect(original.statusCode).toBe(200);
    expect((await exifr.gps(original.rawPayload)).latitude).toBeCloseTo(PHOTO_PLACE.lat, 4);
    const inbox = await getOk<{ items: { kind: string }[] }>(reporter, '/api/v1/me/notifications');
    expect(inbox.items.map((n) => n.kind)).toContain('info_requested');
  });

  it("stays a supporter when the case is merged: another's report is never theirs to answer", async () => {
    const duplicate = await reportWithPhoto(reporter, {
      description: 'Cột điện nghiêng, nguy hiểm',
      category: 'streetlight',
    });
    const other = await createUser(t.db, 'citizen');
    expect((await post(other, `/api/v1/public/reports/${duplicate.code}/support`, {})).statusCode).toBe(200);
    const target = await reportWithPhoto(supporter, {
      description: 'Cột điện sắp đổ, gọi 0914 555 666',
      category: 'streetlight',
    });
    await caseAction(t, operator, duplicate.id, 'merge', { into: target.id });

    const { rows } = await t.db.query<{ user_id: string; reason: string }>(
      'SELECT user_id, reason FROM case_followers WHERE case_id = $1',
      [target.id],
    );
    expect(Object.fromEntries(rows.map((row) => [row.user_id, row.reason]))).toEqual({
      [supporter.id]: 'reporter',
      [reporter.id]: 'merged',
      [other.id]: 'supporter',
    });
    expect((await post(other, `/api/v1/me/reports/${target.id}/rating`, { rating: 1 })).statusCode).toBe(404);
    // the duplicate's reporter follows the case they were merged into, but it is someone else's report
    const merged = await getOk(reporter, `/api/v1/me/reports/${target.id}`);
    expect(merged.following_as).toBe('merged');
    expect(merged.description).toBe('Cột điện sắp đổ, gọi [phone]');
    const photo = target.media.find((m) => m.type === 'image') as { id: string };
    expect((await get(reporter, `/api/v1/cases/${target.id}/media/${photo.id}`)).statusCode).toBe(404);
  });
});

describe('the reporter of an anonymous report', () => {
  let report: Shown;

  beforeAll(async () => {
    report = await reportWithPhoto(reporter, {
      description: `Đèn đường tắt cả tuần. ${REPORTER_NAME} báo.`,
      category: 'streetlight',
      anonymous: 'true',
    });
    await caseAction(t, operator, report.id, 'assign', { agency: 'hepco' });
    await caseAction(t, hepco, report.id, 'accept', {});
    await caseAction(t, hepco, report.id, 'request-info', { message: 'Đèn ở đoạn nào?' });
    // their own number, written their own way ("+8490..." on the account, "090..." here)
    const localPhone = `0${(reporter.phone as string).slice(3, 6)} ${(reporter.phone as string).slice(6)}`;
    const replied = await post(reporter, `/api/v1/me/reports/${report.id}/reply`, {
      message: `Trước số 12, gọi ${localPhone}`,
    });
    expect(replied.statusCode, replied.body).toBe(200);
  });

  const disclosures = async () => {
    const { rows } = await t.db.query<{ actor_id: string; target_id: string }>(
      `SELECT actor_id, target_id FROM audit_log WHERE action = 'case.anonymous_reporter_shown' ORDER BY id`,
    );
    return rows;
  };

  it('is unknown to agency staff: no reporter, no name on their own events in the timeline', async () => {
    const shown = await getOk(hepco, `/api/v1/cases/${report.id}`);
    expect(shown.reporter).toBeNull();
    const own = shown.timeline?.filter((e) => e.actor_role === 'citizen') ?? [];
    expect(own.map((e) => e.type)).toEqual(['submitted', 'citizen_replied']);
    expect(own.every((e) => e.actor_name === null)).toBe(true);
    expect(own[1]?.message).toBe('Trước số 12, gọi [phone]');
    const staffEvent = shown.timeline?.find((e) => e.type === 'info_requested');
    expect(staffEvent?.actor_name).toBe('Test agency_staff');
    expect(JSON.stringify(shown)).not.toContain(reporter.id);
    // nor where they typed their own name
    expect(shown.description).toBe('Đèn đường tắt cả tuần. [name] báo.');
    expect(JSON.stringify(shown)).not.toContain(REPORTER_NAME);
    const queue = await getOk<{ items: Shown[] }>(hepco, '/api/v1/cases?limit=200');
    const listed = queue.items.find((item) => item.id === report.id);
    expect(listed?.reporter).toBeNull();
    expect(listed?.description).toBe('Đèn đường tắt cả tuần. [name] báo.');
    expect(JSON.stringify(listed)).not.toContain(reporter.id);
    // the operator's assignment answered the case page: that one showing, no other
    expect(await disclosures()).toEqual([{ actor_id: operator.id, target_id: report.id }]);
  });

  it('reaches agency staff only through photos without metadata (camera, serial, position)', async () => {
    const shown = await getOk(hepco, `/api/v1/cases/${report.id}`);
    const photo = shown.media.find((m) => m.type === 'image') as { id: string };
    const url = `/api/v1/cases/${report.id}/media/${photo.id}`;
    const forAgency = await get(hepco, url);
    expect(forAgency.statusCode).toBe(200);
    expect(forAgency.headers['content-type']).toBe('image/webp');
    expect(forAgency.headers['content-disposition']).toBeUndefined();
    expect(await exifr.parse(forAgency.rawPayload, { gps: true }).catch(() => undefined)).toBeUndefined();
    // the operations center reads the original, its position included
    const forOperator = await get(operator, url);
    expect(forOperator.headers['content-type']).toBe('image/jpeg');
    const gps = await exifr.gps(forOperator.rawPayload);
    expect(gps?.latitude).toBeCloseTo(PHOTO_PLACE.lat, 3);
  });

  it('is known to the operations center on the case page, each showing recorded in the audit log', async () => {
    const before = (await disclosures()).length;
    const shown = await getOk(operator, `/api/v1/cases/${report.id}`);
    expect(shown.reporter?.display_name).toBe(REPORTER_NAME);
    expect(shown.timeline?.find((e) => e.type === 'submitted')?.actor_name).toBe(REPORTER_NAME);
    expect(shown.timeline?.find((e) => e.type === 'citizen_replied')?.message).toMatch(/^Trước số 12, gọi 09\d/);
    expect(shown.description).toBe(`Đèn đường tắt cả tuần. ${REPORTER_NAME} báo.`);
    await getOk(admin, `/api/v1/cases/${report.id}`);
    expect((await disclosures()).slice(before)).toEqual([
      { actor_id: operator.id, target_id: report.id },
      { actor_id: admin.id, target_id: report.id },
    ]);
  });

  it('is not in the queue, even the operations center’s (nothing is disclosed unasked)', async () => {
    const before = (await disclosures()).length;
    const queue = await getOk<{ items: Shown[] }>(operator, '/api/v1/cases?limit=200');
    const listed = queue.items.find((item) => item.id === report.id);
    expect(listed?.reporter).toBeNull();
    expect((await disclosures()).length).toBe(before);
  });

  it('is in no public view, Open311 output or webhook payload', async () => {
    const publicCase = await getOk(null, `/api/v1/public/reports/${report.code}`);
    const map = await getOk<object>(null, '/api/v1/public/reports?limit=500');
    const open311 = await get(null, `/open311/v2/requests.json?service_request_id=${report.code}`);
    expect(open311.statusCode).toBe(200);
    for (const body of [JSON.stringify(publicCase), JSON.stringify(map), open311.body]) {
      expect(body).not.toContain(REPORTER_NAME);
      expect(body).not.toContain(reporter.id);
      expect(body).not.toContain('actor_name');
    }
    expect(publicCase.description).toBe('Đèn đường tắt cả tuần. [name] báo.');

    const subscribed = await post(admin, '/api/v1/admin/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['resolved'],
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    await caseAction(t, hepco, report.id, 'resolve', { message: 'Đã thay bóng đèn' });
    const { rows } = await t.db.query<Parameters<typeof deliveryBody>[0]>(
      'SELECT id, event_id, event_type, event_at, case_code, case_state, agency_code FROM webhook_deliveries WHERE case_id = $1',
      [report.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const body = deliveryBody(row);
      expect(body).not.toContain(reporter.id);
      expect(body).not.toContain(REPORTER_NAME);
    }
  });
});

describe("the reporter's name typed in their own report", () => {
  it('is masked on the public map, the public page and Open311, and the reporter still reads it', async () => {
    const report = await reportWithPhoto(reporter, {
      description: `nguyen van hung báo: ống nước vỡ ở kiệt 45 từ ngày 12/05/2025`,
      title: `Nguyễn Văn Hùng - ống nước vỡ`,
      category: 'water_supply',
    });
    const map = await getOk<{ features: { properties: { code: string; title: string; description: string } }[] }>(
      null,
      '/api/v1/public/reports?limit=500',
    );
    const feature = map.features.find((f) => f.properties.code === report.code);
    expect(feature?.properties.title).toBe('[name] - ống nước vỡ');
    expect(feature?.properties.description).toBe('[name] báo: ống nước vỡ ở kiệt 45 từ ngày 12/05/2025');
    const open311 = await get(null, `/open311/v2/requests.json?service_request_id=${report.code}`);
    expect(open311.json()[0].description).toBe('[name] báo: ống nước vỡ ở kiệt 45 từ ngày 12/05/2025');
    // and among the similar cases shown to another citizen who is reporting the same problem
    const similar = await findSimilarOpenCases(t.db, { text: 'ống nước vỡ ở kiệt 45', ...PLACE, radiusMeters: 100 });
    expect(similar.find((c) => c.code === report.code)?.description).toBe(
      '[name] báo: ống nước vỡ ở kiệt 45 từ ngày 12/05/2025',
    );
    const own = await getOk(reporter, `/api/v1/me/reports/${report.id}`);
    expect(own.description).toContain('nguyen van hung');
  });
});
