// What one citizen, or one address, may send: reports and uploads per window (429 with
// Retry-After, counted atomically in PostgreSQL), a daily quota of bytes, the decode limit
// on pictures, and the sweep of uploads no case took within a day.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { loadConfig } from '../../platform/config.js';
import { forgetIdleCounters, takeFromLimits } from '../../platform/rate-limit.js';
import { createStorage } from '../media/storage/index.js';
import { decompressionBomb, multipartBody, noisyJpeg, plainJpeg } from '../media/test-fixtures.js';
import { sweepUnattachedUploads } from './upload-sweep.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      REPORTS_PER_ACCOUNT: '3',
      REPORTS_PER_IP: '6',
      UPLOADS_PER_ACCOUNT: '4',
      UPLOADS_PER_IP: '50',
      UPLOAD_QUOTA_MB_PER_DAY: '1',
      MEDIA_MAX_PIXELS: '40000000',
    },
  });
});
afterAll(() => t.close());

let address = 0;
/** A fresh address for each test, so that one test's counts do not reach the next. */
const nextAddress = () => `198.51.100.${++address}`;

const REPORT = { description: 'Đèn đường hỏng trước số 5 Lê Lợi', lat: 16.4698, lon: 107.5786 };

const report = (user: TestUser, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: user.auth, payload: REPORT, remoteAddress });

async function upload(user: TestUser, bytes: Buffer, remoteAddress: string, url = '/api/v1/media') {
  const fields = url === '/api/v1/reports' ? { ...REPORT, lat: '16.4698', lon: '107.5786' } : {};
  const { body, contentType } = await multipartBody([{ name: 'photo.jpg', type: 'image/jpeg', bytes }], fields);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...user.auth, 'content-type': contentType },
    payload: body,
    remoteAddress,
  });
}

function filesInDataDir(): number {
  return readdirSync(t.dataDir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    statSync(join(t.dataDir, name), { throwIfNoEntry: false })?.isFile(),
  ).length;
}

const count = async (table: 'cases' | 'media') =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;

describe('reports per account and per address', () => {
  it('lets a citizen file three reports in the window, then answers 429 rate_limited with Retry-After', async () => {
    const citizen = await createUser(t.db, 'citizen');
    const here = nextAddress();
    for (let i = 0; i < 3; i++) expect((await report(citizen, here)).statusCode).toBe(201);
    const before = await count('cases');
    const refused = await report(citizen, nextAddress()); // another address does not help
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // when the window has moved on far enough: at most the rest of this one and the next
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(1200);
    expect(await count('cases')).toBe(before);
    // another citizen, and staff, are not held back by this one
    expect((await report(await createUser(t.db, 'citizen'), nextAddress())).statusCode).toBe(201);
    expect((await report(await createUser(t.db, 'operator'), here)).statusCode).toBe(201);
  });

  it('files exactly three of twenty reports sent at once by one citizen', async () => {
    const citizen = await createUser(t.db, 'citizen');
    const answers = await Promise.all(Array.from({ length: 20 }, () => report(citizen, nextAddress())));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(17);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE reporter_id = $1', [
      citizen.id,
    ]);
    expect(rows[0]?.n).toBe(3);
  });

  it('limits one address across citizens, but not staff behind it', async () => {
    const shared = nextAddress();
    for (let i = 0; i < 6; i++) {
      expect((await report(await createUser(t.db, 'citizen'), shared)).statusCode).toBe(201);
    }
    expect((await report(await createUser(t.db, 'citizen'), shared)).statusCode).toBe(429);
    expect((await report(await createUser(t.db, 'admin'), shared)).statusCode).toBe(201);
    expect((await report(await createUser(t.db, 'citizen'), nextAddress())).statusCode).toBe(201);
  });

  it('refuses a limited citizen before reading the files of the report', async () => {
    const citizen = await createUser(t.db, 'citizen');
    const here = nextAddress();
    for (let i = 0; i < 3; i++) await report(citizen, here);
    const files = filesInDataDir();
    const media = await count('media');
    const refused = await upload(citizen, await plainJpeg(), here, '/api/v1/reports');
    expect(refused.statusCode).toBe(429);
    expect(await count('media')).toBe(media);
    expect(filesInDataDir()).toBe(files);
  });
});

describe('uploads', () => {
  it('limits upload requests per account (429 rate_limited), staff not counted', async () => {
    const citizen = await createUser(t.db, 'citizen');
    const photo = await plainJpeg(20, 20, '#aa3300');
    for (let i = 0; i < 4; i++) expect((await upload(citizen, photo, nextAddress())).statusCode).toBe(201);
    const refused = await upload(citizen, photo, nextAddress());
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    const staff = await createUser(t.db, 'agency_staff');
    for (let i = 0; i < 5; i++) expect((await upload(staff, photo, nextAddress())).statusCode).toBe(201);
  });

  it('holds a citizen to the daily quota of bytes, keeping nothing of the refused file', async () => {
    const citizen = await createUser(t.db, 'citizen');
    const photo = await noisyJpeg(0.6); // two of these pass 1 MB
    expect((await upload(citizen, photo, nextAddress())).statusCode).toBe(201);
    const files = filesInDataDir();
    const media = await count('media');
    const refused = await upload(citizen, photo, nextAddress());
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().error).toMatchObject({
      code: 'upload_quota_exceeded',
      details: { max_bytes: 1024 * 1024, window_seconds: 86_400 },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count('media')).toBe(media);
    expect(filesInDataDir()).toBe(files);
    // the same photo in a report counts against the same quota
    expect((await upload(citizen, photo, nextAddress(), '/api/v1/reports')).json().error.code).toBe(
      'upload_quota_exceeded',
    );
  });
});

describe('pictures too large to decode', () => {
  it('refuses a 100-megapixel picture from its header, at the MEDIA_MAX_PIXELS configured', async () => {
    const citizen = await createUser(t.db, 'citizen');
    const refused = await upload(citizen, await decompressionBomb(10_000), nextAddress());
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'image_dimensions_too_large',
      details: { width: 10_000, height: 10_000, max_pixels: 40_000_000 },
    });
  });
});

describe('the sweep of unattached uploads', () => {
  it('deletes uploads no case took within a day, with their files, and keeps the rest', async () => {
    const staff = await createUser(t.db, 'operator');
    const ids: string[] = [];
    for (const colour of ['#010203', '#040506']) {
      const answer = await upload(staff, await plainJpeg(30, 30, colour), nextAddress());
      ids.push(answer.json().items[0].id);
    }
    const [stale, fresh] = ids as [string, string];
    const attached = await upload(staff, await plainJpeg(30, 30, '#070809'), nextAddress(), '/api/v1/reports');
    expect(attached.statusCode, attached.body).toBe(201);
    const linked = await t.db.query<{ media_id: string }>('SELECT media_id FROM case_media WHERE case_id = $1', [
      attached.json().id,
    ]);
    const attachedId = linked.rows[0]?.media_id as string;
    await t.db.query(`UPDATE media SET created_at = now() - interval '25 hours' WHERE id = ANY($1::uuid[])`, [
      [stale, attachedId],
    ]);
    const files = filesInDataDir();

    const storage = createStorage(loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir }));
    expect(await sweepUnattachedUploads(t.db, storage)).toBe(1);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM media WHERE id = ANY($1::uuid[])', [
      [stale, fresh, attachedId],
    ]);
    expect(rows.map((row) => row.id).sort()).toEqual([fresh, attachedId].sort());
    expect(filesInDataDir()).toBe(files - 3); // the original, its public copy and its thumbnail
    expect(await sweepUnattachedUploads(t.db, storage)).toBe(0);
  });
});

describe('the rate-limit counters', () => {
  it('forgets buckets idle for two of their windows, and keeps the others', async () => {
    await takeFromLimits(t.db, [{ bucket: 'test:idle', max: 5, windowSeconds: 60 }], 'full');
    await takeFromLimits(t.db, [{ bucket: 'test:busy', max: 5, windowSeconds: 60 }], 'full');
    await t.db.query(
      `UPDATE rate_limit_counters SET window_start = window_start - interval '3 minutes' WHERE bucket = 'test:idle'`,
    );
    expect(await forgetIdleCounters(t.db)).toBe(1);
    const { rows } = await t.db.query<{ bucket: string }>(
      `SELECT bucket FROM rate_limit_counters WHERE bucket LIKE 'test:%'`,
    );
    expect(rows.map((row) => row.bucket)).toEqual(['test:busy']);
  });
});
