// Sensor and camera detections: an API key with the report scope is required; a detection
// creates a case (channel sensor, reported by the client's service user) unless the same
// client's open case of that category is within 50 m and 24 h: then it is folded into it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { App } from '../../platform/http/types.js';
import { createApiClient } from '../api-clients/service.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 };
/** About 20 m north of the citadel point, and about 200 m. */
const NEAR = { lat: 16.4698 + 0.00018, lon: 107.5786 };
const FAR = { lat: 16.4698 + 0.0018, lon: 107.5786 };
const CONTEXT = { actor: null, ip: null, userAgent: null };

let t: TestApp;
let api: App;
let sensorKey: string;
let sensorUserId: string;
let otherSensorKey: string;
let readOnlyKey: string;
let revokedKey: string;

beforeAll(async () => {
  t = await createTestApp();
  api = t.app; // app.ts registers the detection routes
  const sensor = await createApiClient(t.db, { name: 'Street cameras', scopes: ['report'] }, CONTEXT);
  sensorKey = sensor.key;
  sensorUserId = sensor.client.service_user_id;
  otherSensorKey = (await createApiClient(t.db, { name: 'Flood sensors', scopes: ['report'] }, CONTEXT)).key;
  readOnlyKey = (await createApiClient(t.db, { name: 'Dashboard', scopes: ['read'] }, CONTEXT)).key;
  const revoked = await createApiClient(t.db, { name: 'Old camera', scopes: ['report'] }, CONTEXT);
  revokedKey = revoked.key;
  await t.db.query('UPDATE api_clients SET revoked_at = now() WHERE id = $1', [revoked.client.id]);
});
afterAll(async () => {
  await t.close();
});

const detect = (payload: Record<string, unknown>, headers: Record<string, string>) =>
  api.inject({ method: 'POST', url: '/api/v1/detections', headers, payload });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function caseOf(code: string) {
  const { rows } = await t.db.query<{
    id: string;
    channel: string;
    reporter_id: string;
    description: string;
    category: string;
    state: string;
  }>(
    `SELECT c.id, c.channel, c.reporter_id, c.description, cat.code AS category, c.state
       FROM cases c LEFT JOIN categories cat ON cat.id = c.category_id WHERE c.code = $1`,
    [code],
  );
  return rows[0];
}

describe('detections', () => {
  it('refuses a missing, unknown, revoked or read-only key (403)', async () => {
    const payload = { category: 'waste', ...CITADEL, confidence: 0.9 };
    const keys: Record<string, string>[] = [
      {},
      bearer('cp_not-a-key'),
      bearer(revokedKey),
      { 'x-api-key': readOnlyKey },
    ];
    for (const headers of keys) {
      const response = await detect(payload, headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
    }
    // no key and a bad body: still 403
    expect((await detect({ nonsense: true }, {})).statusCode).toBe(403);
  });

  it('creates a case, then folds a repeat near it into it', async () => {
    const first = await detect(
      { category: 'waste', ...CITADEL, confidence: 0.93, device_id: 'cam-17', image_url: 'https://cams.example/1.jpg' },
      bearer(sensorKey),
    );
    expect(first.statusCode, first.body).toBe(201);
    const { case_code: code, folded } = first.json();
    expect(folded).toBe(false);
    const created = await caseOf(code);
    expect(created).toMatchObject({ channel: 'sensor', reporter_id: sensorUserId, category: 'waste' });
    const { rows: names } = await t.db.query<{ name_vi: string }>(
      `SELECT name_vi FROM categories WHERE code = 'waste'`,
    );
    expect(created?.description).toBe(`Cảm biến phát hiện: ${names[0]?.name_vi} (độ tin cậy 0.93)`);
    const { rows: details } = await t.db.query(
      'SELECT media_url, device_id FROM open311_request_details WHERE case_id = $1',
      [created?.id],
    );
    expect(details).toEqual([{ media_url: 'https://cams.example/1.jpg', device_id: 'cam-17' }]);

    const again = await detect(
      { category: 'waste', ...NEAR, confidence: 0.81, observed_at: new Date().toISOString() },
      { 'x-api-key': sensorKey },
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ case_code: code, folded: true });
    const { rows: events } = await t.db.query<{ type: string; public: boolean; actor_id: string; text: string }>(
      `SELECT type, public, actor_id, payload->>'text' AS text FROM case_events WHERE case_id = $1 ORDER BY id`,
      [created?.id],
    );
    const note = events.find((e) => e.type === 'note');
    expect(note).toMatchObject({ public: false, actor_id: sensorUserId });
    expect(note?.text).toContain('0.81');
  });

  it('creates a new case for another category, a place farther away, another client or an old case', async () => {
    const first = (await detect({ category: 'streetlight', ...CITADEL, confidence: 0.7 }, bearer(sensorKey))).json();
    expect(first.folded).toBe(false);
    const otherCategory = (
      await detect({ category: 'road_damage', ...CITADEL, confidence: 0.7 }, bearer(sensorKey))
    ).json();
    expect(otherCategory.folded).toBe(false);
    const far = (await detect({ category: 'streetlight', ...FAR, confidence: 0.7 }, bearer(sensorKey))).json();
    expect(far.folded).toBe(false);
    const otherClient = (
      await detect({ category: 'streetlight', ...CITADEL, confidence: 0.7 }, bearer(otherSensorKey))
    ).json();
    expect(otherClient.folded).toBe(false);
    expect(new Set([first.case_code, otherCategory.case_code, far.case_code, otherClient.case_code]).size).toBe(4);

    // a day later the same detection is a new problem
    await t.db.query(`UPDATE cases SET created_at = now() - interval '25 hours' WHERE code = $1`, [first.case_code]);
    const later = (await detect({ category: 'streetlight', ...CITADEL, confidence: 0.7 }, bearer(sensorKey))).json();
    expect(later.folded).toBe(false);
    expect(later.case_code).not.toBe(first.case_code);
    // ...and a closed case is never folded into
    await t.db.query(`UPDATE cases SET state = 'rejected' WHERE code = $1`, [later.case_code]);
    const afterClose = (
      await detect({ category: 'streetlight', ...CITADEL, confidence: 0.7 }, bearer(sensorKey))
    ).json();
    expect(afterClose.folded).toBe(false);
    expect(afterClose.case_code).not.toBe(later.case_code);
  });

  it('refuses an unknown category and bad values (400), and a place outside the city (422)', async () => {
    expect((await detect({ category: 'nope', ...CITADEL, confidence: 0.5 }, bearer(sensorKey))).statusCode).toBe(400);
    expect((await detect({ category: 'waste', ...CITADEL, confidence: 1.5 }, bearer(sensorKey))).statusCode).toBe(400);
    expect(
      (await detect({ category: 'waste', lat: 21.0, lon: 105.8, confidence: 0.5 }, bearer(sensorKey))).statusCode,
    ).toBe(422);
  });
});
