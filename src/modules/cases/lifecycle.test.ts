// The whole life of a case through the API: report, triage, assign, request information,
// reply, resolve, a low rating that reopens it, resolve again, a high rating that closes it.
import Compile from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { CASE_EVENTS, type CaseEventType } from '../../shared/case-events.js';
import { isoMedia, multipartBody, plainJpeg } from '../media/test-fixtures.js';
import { replayCase } from './timeline.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
let hepco: TestUser;
let otherAgency: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
  hepco = await createUser(t.db, 'agency_staff', { agencyCode: 'hepco' });
  otherAgency = await createUser(t.db, 'agency_staff', { agencyCode: 'doc' });
});
afterAll(() => t.close());

const CITADEL = { lat: 16.4698, lon: 107.5786 };

async function post(user: TestUser, url: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url, headers: user.auth, payload });
}

async function upload(user: TestUser, name: string): Promise<string> {
  const { body, contentType } = await multipartBody([{ name, type: 'image/jpeg', bytes: await plainJpeg(50, 40) }]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: { ...user.auth, 'content-type': contentType },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().items[0].id;
}

async function report(extra: Record<string, unknown> = {}) {
  const response = await post(citizen, '/api/v1/reports', {
    description: 'Rác thải đổ bừa bãi trước chợ Đông Ba, gọi tôi 0905 123 456',
    ...CITADEL,
    address: '2 Trần Hưng Đạo',
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('the case lifecycle', () => {
  it('runs from a report with photo, audio and video to closed, with every step on the timeline', async () => {
    const { body, contentType } = await multipartBody(
      [
        { name: 'rac.jpg', type: 'image/jpeg', bytes: await plainJpeg() },
        { name: 'ghi-am.m4a', type: 'audio/mp4', bytes: isoMedia('M4A ') },
        { name: 'clip.mp4', type: 'video/mp4', bytes: isoMedia('isom') },
      ],
      { description: 'Rác thải đổ bừa bãi trước chợ Đông Ba', lat: String(CITADEL.lat), lon: String(CITADEL.lon) },
    );
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...citizen.auth, 'content-type': contentType },
      payload: body,
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const created = submitted.json();
    expect(created).toMatchObject({ state: 'submitted', area: { code: '19753' }, priority: 'normal', version: 1 });
    expect(created.media.map((m: { type: string }) => m.type)).toEqual(['image', 'audio', 'video']);
    expect(created.code).toMatch(/^HUE-\d{4}-\d{6}$/);
    const id = created.id as string;
    const url = (action: string) => `/api/v1/cases/${id}/${action}`;

    const triaged = await post(operator, url('triage'), { category: 'waste', priority: 'high', version: 1 });
    expect(triaged.json()).toMatchObject({ state: 'triaged', category: 'waste', priority: 'high' });

    const assigned = await post(operator, url('assign'), { agency: 'hepco' });
    expect(assigned.json()).toMatchObject({ state: 'assigned', agency: { code: 'hepco' } });
    const due = new Date(assigned.json().due_at).getTime() - new Date(assigned.json().assigned_at).getTime();
    expect(Math.round(due / 3_600_000)).toBe(24); // waste: 24 h SLA

    expect((await post(otherAgency, url('accept'), {})).statusCode).toBe(404);
    expect((await post(hepco, url('accept'), {})).json().state).toBe('in_progress');
    const asked = await post(hepco, url('request-info'), { message: 'Bạn gửi thêm ảnh được không?' });
    expect(asked.json().state).toBe('waiting_for_citizen');

    const replyPhoto = await upload(citizen, 'goc-cho.jpg');
    const replied = await post(citizen, `/api/v1/me/reports/${id}/reply`, {
      message: 'Rác vẫn còn ở góc chợ',
      media: [replyPhoto],
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().state).toBe('in_progress');

    await post(hepco, url('notes'), { text: 'Đội 3 sẽ đến lúc 14h' });
    // a file someone else uploaded cannot be passed off as proof
    expect((await post(hepco, url('resolve'), { message: 'Đã thu gom', media: [replyPhoto] })).statusCode).toBe(400);
    const proof = await upload(hepco, 'da-don.jpg');
    const resolved = await post(hepco, url('resolve'), { message: 'Đã thu gom', media: [proof] });
    expect(resolved.json().state).toBe('resolved');
    expect(resolved.json().media).toHaveLength(5);

    const low = await post(citizen, `/api/v1/me/reports/${id}/rating`, { rating: 2, comment: 'Vẫn còn rác' });
    expect(low.json().state).toBe('reopened');
    expect((await post(hepco, url('accept'), {})).json().state).toBe('in_progress');
    expect((await post(hepco, url('resolve'), { message: 'Đã thu gom hết' })).json().state).toBe('resolved');
    const high = await post(citizen, `/api/v1/me/reports/${id}/rating`, { rating: 5, fixed: true });
    expect(high.json()).toMatchObject({ state: 'closed', rating: 5 });

    const staffView = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: operator.auth });
    const types = staffView.json().timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'submitted',
      'triaged',
      'assigned',
      'accepted',
      'info_requested',
      'citizen_replied',
      'note',
      'resolved',
      'rated',
      'accepted',
      'resolved',
      'rated',
    ]);
    expect(staffView.json()).toMatchObject({ reopen_count: 1, reporter: { id: citizen.id } });

    // the citizen sees the public timeline only: no internal note
    const mine = await t.app.inject({ method: 'GET', url: `/api/v1/me/reports/${id}`, headers: citizen.auth });
    const citizenTypes = mine.json().timeline.map((e: { type: string }) => e.type);
    expect(citizenTypes).not.toContain('note');
    expect(citizenTypes).toContain('info_requested');

    // the row is what replaying the timeline gives
    const replayed = await replayCase(t.db, id);
    const { rows } = await t.db.query<Record<string, unknown>>('SELECT * FROM cases WHERE id = $1', [id]);
    expect(replayed).toMatchObject({ state: rows[0]?.state, version: rows[0]?.version, rating: 5, reopen_count: 1 });
    expect(replayed?.due_at?.getTime()).toBe((rows[0]?.due_at as Date | undefined)?.getTime());

    // citizens were told along the way
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: citizen.auth });
    expect(inbox.json().unread).toBeGreaterThanOrEqual(4);
    const staffInbox = await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: hepco.auth });
    expect(staffInbox.json().items.map((n: { kind: string }) => n.kind)).toContain('work.assigned');
  });

  it('refuses a transition the state does not allow, listing the allowed ones', async () => {
    const created = await report();
    const response = await post(hepco, `/api/v1/cases/${created.id}/resolve`, { message: 'x' });
    // hepco does not hold the case yet: it is invisible to them
    expect(response.statusCode).toBe(404);
    const early = await post(operator, `/api/v1/cases/${created.id}/reject`, { reason: 'spam' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'invalid_transition',
      details: { state: 'submitted', allowed_actions: expect.arrayContaining(['triage', 'assign', 'merge']) },
    });
  });

  it('lets one of two simultaneous edits win and answers the other 409', async () => {
    const created = await report();
    const [a, b] = await Promise.all([
      post(operator, `/api/v1/cases/${created.id}/triage`, { priority: 'high', version: 1 }),
      post(operator, `/api/v1/cases/${created.id}/triage`, { priority: 'low', version: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('version_conflict');
  });

  it('pauses the SLA clock while waiting for the citizen', async () => {
    const created = await report();
    await post(operator, `/api/v1/cases/${created.id}/assign`, { agency: 'hepco' });
    await post(hepco, `/api/v1/cases/${created.id}/accept`, {});
    await post(hepco, `/api/v1/cases/${created.id}/request-info`, { message: 'Ở đâu chính xác?' });
    const before = (await t.db.query<{ due_at: Date }>('SELECT due_at FROM cases WHERE id = $1', [created.id])).rows[0]
      ?.due_at;
    // the question was asked three hours ago
    await t.db.query(`UPDATE cases SET sla_paused_at = sla_paused_at - interval '3 hours' WHERE id = $1`, [created.id]);
    // (replaying would not know of this edit; the test only checks the arithmetic of the reply)
    const replied = await post(citizen, `/api/v1/me/reports/${created.id}/reply`, { message: 'Cổng chợ phía sông' });
    const after = new Date(replied.json().due_at).getTime();
    expect(Math.round((after - (before as Date).getTime()) / 60_000)).toBe(180);
  });

  it('rejects with a reason the citizen reads, and merges a duplicate whose citizen then follows the survivor', async () => {
    const spam = await report({ description: 'quảng cáo vay tiền nhanh' });
    await post(operator, `/api/v1/cases/${spam.id}/triage`, { category: 'other' });
    expect((await post(operator, `/api/v1/cases/${spam.id}/reject`, {})).statusCode).toBe(400);
    const rejected = await post(operator, `/api/v1/cases/${spam.id}/reject`, {
      reason: 'Quảng cáo, không phải phản ánh',
    });
    expect(rejected.json()).toMatchObject({ state: 'rejected', reject_reason: 'Quảng cáo, không phải phản ánh' });

    const original = await report({ description: 'Ổ gà lớn trên đường Lê Lợi' });
    const otherCitizen = await createUser(t.db, 'citizen');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: otherCitizen.auth,
      payload: { description: 'Đường Lê Lợi có ổ gà', ...CITADEL },
    });
    const merged = await post(operator, `/api/v1/cases/${duplicate.json().id}/merge`, { into: original.id });
    expect(merged.json()).toMatchObject({ state: 'merged', merged_into: original.code });
    const follows = await t.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: otherCitizen.auth });
    expect(follows.json().items.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining([original.code]));
  });

  it('answers a point outside the city with a 422 that says so', async () => {
    const response = await post(citizen, '/api/v1/reports', { description: 'Ổ gà', lat: 21.0285, lon: 105.8542 });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('outside_city');
  });

  it('returns the same case for a retried submission with the same Idempotency-Key', async () => {
    const headers = { ...citizen.auth, 'idempotency-key': 'retry-test-0001' };
    const payload = { description: 'Đèn đường hỏng trên cầu Trường Tiền', ...CITADEL };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers, payload });
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE idempotency_key = 'retry-test-0001'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('stores every event as the shared contract types its payload (run last: every test above wrote some)', async () => {
    const { rows } = await t.db.query<{ type: CaseEventType; payload: unknown }>(
      'SELECT type, payload FROM case_events ORDER BY id',
    );
    expect(new Set(rows.map((row) => row.type)).size).toBeGreaterThanOrEqual(12);
    for (const { type, payload } of rows) {
      expect(CASE_EVENTS[type], type).toBeDefined();
      const check = Compile(CASE_EVENTS[type].payload);
      expect(check.Check(payload), `${type} ${JSON.stringify(payload)}`).toBe(true);
    }
  });
});
