// Reports with photos, audio and video in multipart, and every way a hostile or broken
// upload is refused without leaving a case, a media row or a file behind.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import {
  decompressionBomb,
  isoMedia,
  jpegWithGps,
  multipartBody,
  ogg,
  PHOTO_PLACE,
  plainJpeg,
  zipArchive,
} from '../media/test-fixtures.js';

let t: TestApp;
let citizen: TestUser;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
});
afterAll(() => t.close());

const FIELDS = { description: 'Cây đổ chắn đường Lê Lợi', lat: '16.4698', lon: '107.5786', address: 'Lê Lợi' };

async function submit(files: Parameters<typeof multipartBody>[0], fields: Record<string, string> = FIELDS) {
  const { body, contentType } = await multipartBody(files, fields);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { ...citizen.auth, 'content-type': contentType },
    payload: body,
  });
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true })
      .map(String)
      .filter((entry) => statSync(join(dir, entry)).isFile());
  } catch {
    return [];
  }
}

async function counts() {
  const { rows } = await t.db.query<{ cases: number; media: number }>(
    'SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM media) AS media',
  );
  return { ...rows[0], files: filesUnder(join(t.dataDir, 'media')).filter((f) => !f.includes('spool')).length };
}

describe('a report with attachments', () => {
  it('takes a photo, an audio clip and a video; the public sees only the stripped photo', async () => {
    const response = await submit([
      { name: 'tree.jpg', type: 'image/jpeg', bytes: await jpegWithGps() },
      { name: 'voice.m4a', type: 'audio/mp4', bytes: isoMedia('M4A ') },
      { name: 'clip.mov', type: 'video/quicktime', bytes: isoMedia('qt  ') },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created.media.map((m: { type: string }) => m.type)).toEqual(['image', 'audio', 'video']);
    expect(created.exif_suggestion).toMatchObject({
      lat: expect.closeTo(PHOTO_PLACE.lat, 4),
      lon: expect.closeTo(PHOTO_PLACE.lon, 4),
    });

    const publicCase = await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${created.code}` });
    const media = publicCase.json().media;
    expect(media).toHaveLength(1);
    const photo = await t.app.inject({ method: 'GET', url: media[0].url });
    expect(photo.statusCode).toBe(200);
    expect(await exifr.gps(photo.rawPayload).catch(() => undefined)).toBeUndefined();

    // the staff get the original, with its metadata, through the case
    const staffCase = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: operator.auth });
    const original = staffCase.json().media.find((m: { type: string }) => m.type === 'image');
    const audio = staffCase.json().media.find((m: { type: string }) => m.type === 'audio');
    const originalPhoto = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${created.id}/media/${original.id}`,
      headers: operator.auth,
    });
    expect((await exifr.gps(originalPhoto.rawPayload)).latitude).toBeCloseTo(PHOTO_PLACE.lat, 4);
    const clip = await t.app.inject({ method: 'GET', url: audio.url, headers: citizen.auth });
    expect(clip.statusCode).toBe(200);
    const stranger = await createUser(t.db, 'citizen');
    expect((await t.app.inject({ method: 'GET', url: audio.url, headers: stranger.auth })).statusCode).toBe(404);
  });

  it.each([
    [
      'a text file named .jpg',
      [{ name: 'evil.jpg', type: 'image/jpeg', bytes: Buffer.from('<?php system($_GET[0]); ?>') }],
      415,
    ],
    ['a zip sent as a photo', [{ name: 'photo.jpg', type: 'image/jpeg', bytes: zipArchive() }], 415],
    ['a truncated JPEG', [{ name: 'cut.jpg', type: 'image/jpeg', bytes: 'truncated' as unknown as Buffer }], 422],
    ['a decompression bomb', [{ name: 'bomb.png', type: 'image/png', bytes: 'bomb' as unknown as Buffer }], 422],
  ] as const)('refuses %s and leaves nothing behind', async (_label, files, status) => {
    const resolved = await Promise.all(
      files.map(async (file) => ({
        ...file,
        bytes:
          (file.bytes as unknown) === 'truncated'
            ? (await plainJpeg(400, 300)).subarray(0, 300)
            : (file.bytes as unknown) === 'bomb'
              ? await decompressionBomb()
              : file.bytes,
      })),
    );
    const before = await counts();
    const response = await submit([{ name: 'ok.jpg', type: 'image/jpeg', bytes: await plainJpeg() }, ...resolved]);
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    if (status === 415) expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toMatch(/evil\.jpg|photo\.jpg|cut\.jpg|bomb\.png/);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad fields in multipart as in JSON, and removes the files already stored', async () => {
    const before = await counts();
    const outside = await submit([{ name: 'a.jpg', type: 'image/jpeg', bytes: await plainJpeg() }], {
      ...FIELDS,
      lat: '21.03',
      lon: '105.85',
    });
    expect(outside.statusCode).toBe(422);
    const badLat = await submit([{ name: 'a.jpg', type: 'image/jpeg', bytes: await plainJpeg() }], {
      ...FIELDS,
      lat: 'north',
    });
    expect(badLat.statusCode).toBe(400);
    expect(badLat.json().error.code).toBe('validation_failed');
    const unknown = await submit([], { ...FIELDS, is_admin: 'true' });
    expect(unknown.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses more than ten attachments', async () => {
    const before = await counts();
    const eleven = await Promise.all(
      Array.from({ length: 11 }, async (_, i) => ({
        name: `p${i}.jpg`,
        type: 'image/jpeg',
        bytes: await plainJpeg(20 + i, 20),
      })),
    );
    const response = await submit(eleven);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('too_many_files');
    expect(await counts()).toEqual(before);
  });

  it('accepts Ogg audio and answers JSON reports with huge or hostile fields clearly', async () => {
    expect((await submit([{ name: 'note.ogg', type: 'audio/ogg', bytes: ogg('opus') }])).statusCode).toBe(201);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: { description: 'x'.repeat(4001), lat: 16.47, lon: 107.58 },
    });
    expect(huge.statusCode).toBe(400);
    const nan = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: { description: 'ok', lat: 91, lon: 107.58 },
    });
    expect(nan.statusCode).toBe(400);
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: { description: ['a'], lat: '16.4', lon: 107.58 },
    });
    expect(wrongType.statusCode).toBe(400);
  });
});
