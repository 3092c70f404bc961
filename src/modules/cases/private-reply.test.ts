// A citizen's answer to the city's question can be kept for the city alone (public: false):
// the event is internal, so the public case page shows neither the words nor the photos,
// while staff and the citizen themselves still read it (issue 19, point 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartBody, plainJpeg } from '../media/test-fixtures.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let hepco: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
});
afterAll(() => t.close());

const post = (user: TestUser, url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: user.auth, payload });
const get = (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user?.auth ?? {} });

async function upload(user: TestUser): Promise<string> {
  const { body, contentType } = await multipartBody([
    { name: 'nha.jpg', type: 'image/jpeg', bytes: await plainJpeg(50, 40) },
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: { ...user.auth, 'content-type': contentType },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().items[0].id;
}

/** A case waiting for the citizen's answer. */
async function askedCase(): Promise<{ id: string; code: string }> {
  const created = await post(citizen, '/api/v1/reports', {
    description: 'Rác thải đổ bừa bãi trước chợ Đông Ba',
    lat: 16.4722,
    lon: 107.5868,
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, code } = created.json();
  await post(operator, `/api/v1/cases/${id}/assign`, { agency: 'hepco' });
  await post(hepco, `/api/v1/cases/${id}/accept`, {});
  const asked = await post(hepco, `/api/v1/cases/${id}/request-info`, { message: 'Địa chỉ nhà anh/chị ở đâu?' });
  expect(asked.statusCode, asked.body).toBe(200);
  return { id, code };
}

type Event = { type: string; public: boolean; message: string | null; media: { id: string }[] };
const replyOf = (timeline: Event[]) => timeline.find((event) => event.type === 'citizen_replied');

describe('a reply only the city sees', () => {
  it('is internal: staff and the citizen read it, the public page shows neither words nor photo', async () => {
    const { id, code } = await askedCase();
    const photo = await upload(citizen);
    const message = 'Nhà tôi ở số 14 kiệt 5 Trần Hưng Đạo';
    const replied = await post(citizen, `/api/v1/me/reports/${id}/reply`, { message, media: [photo], public: false });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().state).toBe('in_progress');

    const staff = (await get(`/api/v1/cases/${id}`, hepco)).json();
    expect(replyOf(staff.timeline)).toMatchObject({ public: false, message });
    expect(replyOf(staff.timeline)?.media.map((m) => m.id)).toEqual([photo]);

    const own = (await get(`/api/v1/me/reports/${id}`, citizen)).json();
    expect(replyOf(own.timeline)).toMatchObject({ public: false, message });

    const page = await get(`/api/v1/public/reports/${code}`);
    expect(page.statusCode).toBe(200);
    expect(replyOf(page.json().timeline)).toBeUndefined();
    expect(page.body).not.toContain('14 kiệt 5');
    expect(page.body).not.toContain(photo);
    const map = await get('/api/v1/public/reports?bbox=107.5,16.4,107.7,16.6');
    expect(map.body).not.toContain(photo);

    // another citizen following nothing of it reads nothing of it either
    const stranger = await createUser(t.db, 'citizen');
    expect((await get(`/api/v1/me/reports/${id}`, stranger)).statusCode).toBe(404);
  });

  it('is public by default, as before', async () => {
    const { id, code } = await askedCase();
    const replied = await post(citizen, `/api/v1/me/reports/${id}/reply`, { message: 'Trước cổng chợ' });
    expect(replied.statusCode, replied.body).toBe(200);
    const page = (await get(`/api/v1/public/reports/${code}`)).json();
    expect(replyOf(page.timeline)).toMatchObject({ public: true, message: 'Trước cổng chợ' });
  });

  it('refuses a public flag that is not a boolean, and changes nothing', async () => {
    const { id } = await askedCase();
    const refused = await post(citizen, `/api/v1/me/reports/${id}/reply`, { message: 'Ở đây', public: 'maybe' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('validation_failed');
    const still = (await get(`/api/v1/me/reports/${id}`, citizen)).json();
    expect(still.state).toBe('waiting_for_citizen');
    expect(replyOf(still.timeline)).toBeUndefined();
  });
});
