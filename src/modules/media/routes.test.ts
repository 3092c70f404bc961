// Media over real HTTP: multipart uploads through @fastify/multipart into receiveUpload (a
// test-only intake route standing in for the cases module), and the routes that serve
// media, on the platform's own error handling, access control and OpenAPI.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import exifr from 'exifr';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import { migrate } from '../../platform/db/migrate.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { principalOf, registerAccessControl } from '../../platform/http/access.js';
import { registerErrorHandling } from '../../platform/http/errors.js';
import { registerOpenApi } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/types.js';
import { registerValidation } from '../../platform/http/validation.js';
import { ErrorBody } from '../../shared/errors.js';
import { principalLoader, resolvePrincipal } from '../accounts/sessions.js';
import { MEDIA_MULTIPART_LIMITS } from './formats.js';
import { mediaRoutes } from './routes.js';
import type { StoredMedia } from './schemas.js';
import { discardMedia, mediaUrls, publishMedia, receiveUpload } from './service.js';
import { createStorage, type LocalMediaStorage, type MediaStorage, mediaKeys } from './storage/index.js';
import * as fixtures from './test-fixtures.js';

/** What the cases intake will do with a multipart report: every file through receiveUpload. */
async function testIntakeRoute(app: App, { db, storage }: { db: Database; storage: MediaStorage }) {
  await app.register(multipart, { limits: MEDIA_MULTIPART_LIMITS });
  app.post('/test-intake', { config: { access: 'signed_in' } }, async (request, reply) => {
    const principal = principalOf(request);
    const stored: StoredMedia[] = [];
    const fields: Record<string, string> = {};
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const file = { file: part.file, filename: part.filename, mimetype: part.mimetype };
          stored.push(await receiveUpload(db, storage, file, { uploadedBy: principal.userId }));
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (fields.fail === 'yes') throw badRequest('intake_failed', 'The report was refused after its files arrived');
    } catch (error) {
      // An upload refused half-way: close the connection after answering, or Node reads (and
      // throws away) the rest of the body to keep the connection alive.
      if (error instanceof AppError && error.status === 413) reply.header('connection', 'close');
      await discardMedia(
        db,
        storage,
        stored.map((media) => media.id),
      );
      throw error;
    }
    return reply.code(201).send({ fields, media: stored.map((media) => ({ ...media, urls: mediaUrls(media) })) });
  });
}

/**
 * The platform parts of the application (as src/app.ts composes them) with only the media
 * routes and the test intake, so that this file tests media and nothing else.
 */
async function buildMediaApp(db: Database, storage: MediaStorage): Promise<App> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ErrorBody);
  registerValidation(app);
  registerErrorHandling(app);
  await app.register(cookie);
  const principals = principalLoader(db);
  registerAccessControl(app, (request) => resolvePrincipal(principals, request));
  await registerOpenApi(app);
  await app.register(
    async (api: App) => {
      await api.register(mediaRoutes, { db, storage });
      await api.register(testIntakeRoute, { db, storage });
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}

let t: TestDatabase;
let app: App;
let dataDir: string;
let storage: LocalMediaStorage;
let citizen: TestUser;
let operator: TestUser;

beforeAll(async () => {
  t = await openTestDatabase();
  await migrate(t.db);
  dataDir = mkdtempSync(join(tmpdir(), 'citypulse-media-http-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
  storage = createStorage(config) as LocalMediaStorage;
  app = await buildMediaApp(t.db, storage);
  citizen = await createUser(t.db, 'citizen');
  operator = await createUser(t.db, 'operator');
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function filesOnDisk(): string[] {
  const root = join(dataDir, 'media');
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) =>
      statSync(join(root, name)).isFile(),
    );
  } catch {
    return [];
  }
}
const mediaCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM media')).rows[0]?.n;

type Intake = { fields: Record<string, string>; media: (StoredMedia & { urls: ReturnType<typeof mediaUrls> })[] };

async function postFiles(
  files: { name: string; type: string; bytes: Buffer }[],
  fields: Record<string, string> = {},
  user: TestUser = citizen,
) {
  const { body, contentType } = await fixtures.multipartBody(files, fields);
  return app.inject({
    method: 'POST',
    url: '/api/v1/test-intake',
    headers: { ...user.auth, 'content-type': contentType },
    payload: body,
  });
}

async function uploadOne(bytes: Buffer, name: string, type = 'application/octet-stream'): Promise<StoredMedia> {
  const response = await postFiles([{ name, type, bytes }]);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as Intake).media[0] as StoredMedia;
}

describe('multipart uploads through receiveUpload', () => {
  it('takes several files of one report, each typed by its bytes', async () => {
    const photo = await fixtures.jpegWithGps();
    const response = await postFiles(
      [
        { name: 'pothole.jpg', type: 'image/jpeg', bytes: photo },
        { name: 'voice.webm', type: 'video/webm', bytes: fixtures.webm('audio') },
        { name: 'clip.mov', type: 'application/octet-stream', bytes: fixtures.isoMedia('qt  ') },
      ],
      { title: 'Ổ gà trên đường Lê Lợi' },
    );
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as Intake;
    expect(body.fields).toEqual({ title: 'Ổ gà trên đường Lê Lợi' });
    expect(body.media.map((media) => [media.original_name, media.kind, media.mime])).toEqual([
      ['pothole.jpg', 'image', 'image/jpeg'],
      ['voice.webm', 'audio', 'audio/webm'],
      ['clip.mov', 'video', 'video/quicktime'],
    ]);
    const [image, audio] = body.media;
    expect(image?.suggestion).toMatchObject({ taken_at: fixtures.PHOTO_TAKEN_AT });
    expect(image?.urls).toEqual({
      original: `/api/v1/media/${image?.id}/original`,
      public: `/api/v1/media/${image?.id}/public`,
      thumbnail: `/api/v1/media/${image?.id}/thumbnail`,
    });
    expect(audio?.urls.public).toBeNull();
    const { rows } = await t.db.query<{ uploaded_by: string }>('SELECT uploaded_by FROM media WHERE id = $1', [
      image?.id,
    ]);
    expect(rows[0]?.uploaded_by).toBe(citizen.id);
  });

  it('answers 415 naming a text file sent as .jpg, and keeps none of the report files', async () => {
    const before = { rows: await mediaCount(), files: filesOnDisk().length };
    const response = await postFiles([
      { name: 'ok.png', type: 'image/png', bytes: await fixtures.png() },
      { name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('just some text') },
    ]);
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      error: { code: 'unsupported_media_type', details: { file: 'notes.jpg', detected: null } },
    });
    expect(response.json().error.message).toContain('"notes.jpg"');
    expect({ rows: await mediaCount(), files: filesOnDisk().length }).toEqual(before);
  });

  it('answers 413 for an oversize video over a real connection, and reads no further than the limit', async () => {
    const before = filesOnDisk().length;
    const video = fixtures.generatedStream(fixtures.isoMedia('isom'), 2 * 1024 ** 3); // 2 GB, made lazily
    const upload = fixtures.streamingMultipart({ name: 'huge.mp4', type: 'video/mp4', stream: video.stream });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve) => {
        const request = httpRequest(`${address}/api/v1/test-intake`, {
          method: 'POST',
          headers: { ...citizen.auth, 'content-type': upload.contentType },
        });
        let answer: { status: number; body: string } | undefined;
        request.on('response', async (response) => {
          answer = { status: response.statusCode ?? 0, body: await text(response) };
        });
        // The server closes the connection after its answer, so sending the rest fails;
        // the count of bytes produced is read once the client has given up.
        request.on('error', () => {});
        request.on('close', () => setTimeout(() => resolve(answer ?? { status: 0, body: '' }), 50));
        upload.stream.pipe(request);
      });
      expect(status).toBe(413);
      expect(JSON.parse(body)).toMatchObject({
        error: { code: 'file_too_large', details: { file: 'huge.mp4', kind: 'video', max_bytes: 100 * 1024 * 1024 } },
      });
      // the limit, plus what sat in socket buffers when the connection closed
      expect(video.produced()).toBeLessThan(120 * 1024 * 1024);
    } finally {
      upload.stream.destroy();
    }
    expect(filesOnDisk().length).toBe(before);
    expect(filesOnDisk().some((name) => name.startsWith('spool/'))).toBe(false);
  });

  it('discards the files of a report refused after they arrived', async () => {
    const before = { rows: await mediaCount(), files: filesOnDisk().length };
    const response = await postFiles(
      [
        { name: 'a.jpg', type: 'image/jpeg', bytes: await fixtures.plainJpeg(50, 50, '#0a0a0a') },
        { name: 'b.mp3', type: 'audio/mpeg', bytes: fixtures.mp3(64) },
      ],
      { fail: 'yes' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('intake_failed');
    expect({ rows: await mediaCount(), files: filesOnDisk().length }).toEqual(before);
  });
});

describe('GET /api/v1/media/:id/public and /thumbnail', () => {
  it('answers 404 until the photo is published, then serves a clean WebP that may be cached for good', async () => {
    const photo = await uploadOne(await fixtures.jpegWithGps(), 'street.jpg');
    for (const variant of ['public', 'thumbnail']) {
      const hidden = await app.inject({ method: 'GET', url: `/api/v1/media/${photo.id}/${variant}` });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toMatchObject({ error: { code: 'media_not_found' } });
      expect(hidden.headers['cache-control']).toBeUndefined();
    }
    await publishMedia(t.db, [photo.id]);

    const response = await app.inject({ method: 'GET', url: `/api/v1/media/${photo.id}/public` });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'image/webp',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${photo.sha256}.public"`,
      'x-content-type-options': 'nosniff',
    });
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(await exifr.parse(response.rawPayload, true).catch(() => undefined)).toBeUndefined();

    const again = await app.inject({
      method: 'GET',
      url: `/api/v1/media/${photo.id}/public`,
      headers: { 'if-none-match': `"${photo.sha256}.public"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    const head = await app.inject({ method: 'HEAD', url: `/api/v1/media/${photo.id}/public` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(response.headers['content-length']);
    expect(head.rawPayload.length).toBe(0);

    const thumbnail = await app.inject({ method: 'GET', url: `/api/v1/media/${photo.id}/thumbnail` });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers.etag).toBe(`"${photo.sha256}.thumb"`);
    expect(thumbnail.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('has no public copy of video or audio, published or not', async () => {
    const video = await uploadOne(fixtures.isoMedia('isom'), 'clip.mp4');
    await publishMedia(t.db, [video.id]);
    const response = await app.inject({ method: 'GET', url: `/api/v1/media/${video.id}/public` });
    expect(response.statusCode).toBe(404);
  });

  it('answers 404 (not a cached error) when the stored object has gone, and 400 for a malformed id', async () => {
    const photo = await uploadOne(await fixtures.plainJpeg(12, 12, '#777777'), 'gone.jpg');
    await publishMedia(t.db, [photo.id]);
    await storage.delete(mediaKeys(photo.sha256).thumbnail);
    const gone = await app.inject({ method: 'GET', url: `/api/v1/media/${photo.id}/thumbnail` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('media_not_found');
    expect(gone.headers['cache-control']).toBeUndefined();
    expect(gone.headers.etag).toBeUndefined();

    const malformed = await app.inject({ method: 'GET', url: '/api/v1/media/not-a-uuid/public' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_failed');
  });
});

describe('GET /api/v1/media/:id/original', () => {
  it('is for staff only', async () => {
    const photo = await uploadOne(await fixtures.png(), 'staff-only.png');
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/media/${photo.id}/original` });
    expect(anonymous.statusCode).toBe(401);
    const asCitizen = await app.inject({
      method: 'GET',
      url: `/api/v1/media/${photo.id}/original`,
      headers: citizen.auth,
    });
    expect(asCitizen.statusCode).toBe(403);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/media/00000000-0000-4000-8000-000000000000/original',
      headers: operator.auth,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('serves the bytes as received, metadata included, as an attachment that cannot run as a page', async () => {
    const bytes = Buffer.concat([await fixtures.jpegWithGps(), fixtures.zipArchive()]); // a polyglot
    const photo = await uploadOne(bytes, 'Ảnh hồ Tịnh Tâm.jpg');
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/media/${photo.id}/original`,
      headers: operator.auth,
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bytes)).toBe(true);
    expect((await exifr.gps(response.rawPayload))?.latitude).toBeCloseTo(fixtures.PHOTO_PLACE.lat, 4);
    expect(response.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-cache',
      etag: `"${photo.sha256}"`,
      'accept-ranges': 'bytes',
    });
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Anh ho Tinh Tam.jpg"; filename*=UTF-8''${encodeURIComponent('Ảnh hồ Tịnh Tâm.jpg')}`,
    );
  });

  it('serves ranges, so that video can be played from any point', async () => {
    const bytes = fixtures.isoMedia('isom', Buffer.alloc(10_000, 9));
    const video = await uploadOne(bytes, 'seek.mp4');
    const url = `/api/v1/media/${video.id}/original`;
    const range = async (value: string) =>
      app.inject({ method: 'GET', url, headers: { ...operator.auth, range: value } });

    const first = await range('bytes=0-99');
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${bytes.length}`);
    expect(first.headers['content-type']).toBe('video/mp4');
    expect(first.rawPayload.equals(bytes.subarray(0, 100))).toBe(true);

    const tail = await range('bytes=-10');
    expect(tail.headers['content-range']).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect(tail.rawPayload.equals(bytes.subarray(-10))).toBe(true);

    const open = await range(`bytes=${bytes.length - 5}-`);
    expect(open.rawPayload.length).toBe(5);

    const beyond = await range(`bytes=${bytes.length}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.json().error.code).toBe('range_not_satisfiable');
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);

    const several = await range('bytes=0-1,5-6'); // not supported: the whole file instead
    expect(several.statusCode).toBe(200);
    expect(several.rawPayload.length).toBe(bytes.length);
  });
});

describe('registration', () => {
  it('declares an access rule on every media route', () => {
    const rules = app.accessRules.filter((rule) => rule.url.startsWith('/api/v1/media/') && rule.method === 'GET');
    expect(rules.map((rule) => [rule.url, rule.access])).toEqual([
      ['/api/v1/media/:id/public', 'public'],
      ['/api/v1/media/:id/thumbnail', 'public'],
      ['/api/v1/media/:id/original', ['operator', 'admin']],
    ]);
  });

  it('documents the media routes in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/media/{id}/public',
        '/api/v1/media/{id}/thumbnail',
        '/api/v1/media/{id}/original',
      ]),
    );
  });
});
