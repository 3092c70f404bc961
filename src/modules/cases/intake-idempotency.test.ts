// A retry with the same Idempotency-Key and the same report replays the case; the same key
// with a different report is refused (422, as Stripe does). A citizen cannot pick a machine's channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartBody, plainJpeg } from '../media/test-fixtures.js';

let t: TestApp;
let citizen: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
});
afterAll(() => t.close());

const REPORT = { description: 'Đèn đường hỏng trên cầu Trường Tiền', lat: 16.4698, lon: 107.5786 };

const post = (key: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { ...citizen.auth, 'idempotency-key': key },
    payload,
  });

async function casesWithKey(key: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE idempotency_key = $1', [
    key,
  ]);
  return rows[0]?.n ?? 0;
}

describe('an Idempotency-Key', () => {
  it('with the same report replays the case, whatever the order of its fields', async () => {
    const first = await post('same-body-0001', REPORT);
    const again = await post('same-body-0001', { lon: REPORT.lon, lat: REPORT.lat, description: REPORT.description });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await casesWithKey('same-body-0001')).toBe(1);
  });

  it('reused for a different report is a 422 idempotency_key_reused that creates nothing', async () => {
    const first = await post('reused-key-0001', REPORT);
    expect(first.statusCode).toBe(201);
    const other = await post('reused-key-0001', { ...REPORT, description: 'Rác thải đổ trộm ở chợ Đông Ba' });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesWithKey('reused-key-0001')).toBe(1);
  });

  it('reused for a different report in the same batch is refused too', async () => {
    const [a, b] = await Promise.all([
      post('batch-key-0001', REPORT),
      post('batch-key-0001', { ...REPORT, description: 'Cây đổ chắn đường Lê Lợi' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    expect(await casesWithKey('batch-key-0001')).toBe(1);
  });

  it('with a multipart report compares the attachments by their bytes', async () => {
    const send = async (colour: string) => {
      const { body, contentType } = await multipartBody(
        [{ name: 'a.jpg', type: 'image/jpeg', bytes: await plainJpeg(40, 30, colour) }],
        { description: REPORT.description, lat: String(REPORT.lat), lon: String(REPORT.lon) },
      );
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...citizen.auth, 'idempotency-key': 'multipart-key-0001', 'content-type': contentType },
        payload: body,
      });
    };
    const first = await send('#1e90ff');
    const again = await send('#1e90ff');
    const otherPhoto = await send('#ff0000');
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(otherPhoto.statusCode).toBe(422);
    expect(await casesWithKey('multipart-key-0001')).toBe(1);
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM media m WHERE NOT EXISTS (SELECT 1 FROM case_media cm WHERE cm.media_id = m.id)',
    );
    expect(rows[0]?.n).toBe(0); // the refused and the replayed uploads were not kept
  });
});

describe("a report's channel", () => {
  it.each(['sensor', 'open311', 'hotline', 'assistant'])(
    'is never one a citizen may not use: %s is refused and nothing is written, in JSON or a form',
    async (channel) => {
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: citizen.auth,
        payload: { ...REPORT, channel },
      });
      expect(json.statusCode).toBe(400);
      expect(json.json().error.details).toEqual([expect.objectContaining({ path: 'body.channel' })]);
      const { body, contentType } = await multipartBody([], {
        description: REPORT.description,
        lat: String(REPORT.lat),
        lon: String(REPORT.lon),
        channel,
      });
      const form = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...citizen.auth, 'content-type': contentType },
        payload: body,
      });
      expect(form.statusCode).toBe(400);
      const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE channel = $1', [
        channel,
      ]);
      expect(rows[0]?.n).toBe(0);
    },
  );

  it('is hotline for a call the operations center takes down, never for a citizen', async () => {
    const operator = await createUser(t.db, 'operator');
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: operator.auth,
      payload: { ...REPORT, channel: 'hotline' },
    });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().channel).toBe('hotline');
  });

  it('is app by default, or web when the web app says so', async () => {
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: REPORT,
    });
    expect(plain.json().channel).toBe('app');
    const web = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: { ...REPORT, description: 'Nắp cống bị mất ở đường Hùng Vương', channel: 'web' },
    });
    expect(web.json().channel).toBe('web');
  });
});
