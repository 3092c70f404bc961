// Every route that takes files knows who sends them before it reads a byte of any file: a
// caller without a key or a session is refused at once, over a real connection, while the
// file is still on its way, and nothing reaches the disk. The proof is in what the server
// read (the bytes the client got to send) and what it wrote (files in the data dir).
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/modules/api-clients/service.js';
import { generatedStream, isoMedia, multipartBody, plainJpeg } from '../src/modules/media/test-fixtures.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
let address: string;
let reportKey: string;
const MiB = 1024 * 1024;
const CITADEL = { lat: '16.4698', long: '107.5786' };

beforeAll(async () => {
  t = await createTestApp();
  reportKey = (
    await createApiClient(
      t.db,
      { name: 'Camera network', scopes: ['report'] },
      { actor: null, ip: null, userAgent: null },
    )
  ).key;
  address = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

function filesInDataDir(): number {
  return readdirSync(t.dataDir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    statSync(join(t.dataDir, name), { throwIfNoEntry: false })?.isFile(),
  ).length;
}

interface Sent {
  status: number;
  body: string;
  /** Bytes of the 150 MB video the client got to send before the server answered and closed. */
  produced: number;
  /** The most files the data dir held while the upload was under way. */
  mostFilesSeen: number;
}

/** A multipart upload over a real connection: `fields`, a 150 MB video made lazily, `fieldsAfter`. */
function sendVideo(
  path: string,
  fileField: string,
  headers: Record<string, string>,
  fields: Record<string, string> = {},
  fieldsAfter: Record<string, string> = {},
): Promise<Sent> {
  const boundary = `----citypulse${Date.now()}`;
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  let mostFilesSeen = 0;
  const video = generatedStream(isoMedia('isom'), 150 * MiB, () => {
    mostFilesSeen = Math.max(mostFilesSeen, filesInDataDir());
  });
  async function* body() {
    for (const [name, value] of Object.entries(fields)) yield field(name, value);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="clip.mp4"\r\n` +
        'Content-Type: video/mp4\r\n\r\n',
    );
    for await (const chunk of video.stream) yield chunk as Buffer;
    yield Buffer.from('\r\n');
    for (const [name, value] of Object.entries(fieldsAfter)) yield field(name, value);
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  const upload = Readable.from(body(), { objectMode: false });
  return new Promise((resolve) => {
    const request = httpRequest(`${address}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    let answer: { status: number; body: string } | undefined;
    request.on('response', async (response) => {
      answer = { status: response.statusCode ?? 0, body: await text(response) };
    });
    // the server closes the connection after refusing: sending the rest then fails
    request.on('error', () => {});
    request.on('close', () =>
      setTimeout(() => {
        upload.destroy();
        resolve({ ...(answer ?? { status: 0, body: '' }), produced: video.produced(), mostFilesSeen });
      }, 50),
    );
    upload.pipe(request);
  });
}

/** Refused at the first file: little of the 150 MB was read and no file was ever written. */
function expectRefusedBeforeTheFile(sent: Sent, status: number) {
  expect(sent.status, sent.body).toBe(status);
  expect(sent.mostFilesSeen).toBe(0);
  // what sat in socket buffers when the connection closed, far from the 100 MB a video may weigh
  expect(sent.produced).toBeLessThan(16 * MiB);
  expect(filesInDataDir()).toBe(0);
}

describe('uploads are refused before any file is read when the sender is unknown', () => {
  it('Open311: no api_key at all answers 403 at the first file', async () => {
    const sent = await sendVideo('/open311/v2/requests.json', 'media', {}, { service_code: 'road_damage', ...CITADEL });
    expectRefusedBeforeTheFile(sent, 403);
    expect(sent.body).toMatch(/api_key is required before any file/);
  });

  it('Open311: an api_key field after the file comes too late (403)', async () => {
    const sent = await sendVideo(
      '/open311/v2/requests.json',
      'media',
      {},
      { service_code: 'road_damage', ...CITADEL },
      { api_key: reportKey },
    );
    expectRefusedBeforeTheFile(sent, 403);
  });

  it('Open311: a file under another name is not read either (403)', async () => {
    const sent = await sendVideo('/open311/v2/requests.json', 'photo', {}, { service_code: 'road_damage', ...CITADEL });
    expectRefusedBeforeTheFile(sent, 403);
  });

  it('Open311: a wrong key in the query string is refused before the file (403)', async () => {
    const sent = await sendVideo('/open311/v2/requests.xml?api_key=cp_not-a-key', 'media', {}, CITADEL);
    expectRefusedBeforeTheFile(sent, 403);
  });

  it('Open311 updates: a file (kept or not) is not read before the key either (403)', async () => {
    const sent = await sendVideo(
      '/open311/v2/servicerequestupdates.json',
      'media',
      {},
      {
        service_request_id: 'HUE-2612-000001',
        status: 'OPEN',
        description: 'Vẫn chưa sửa',
      },
    );
    expectRefusedBeforeTheFile(sent, 403);
  });

  it('the app: a report or an attachment without a session answers 401', async () => {
    expectRefusedBeforeTheFile(await sendVideo('/api/v1/reports', 'files', {}, { description: 'x', lat: '16.4' }), 401);
    expectRefusedBeforeTheFile(await sendVideo('/api/v1/media', 'files', {}), 401);
  });

  it('detections: no key answers 403 before the body is read, however large', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/detections',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ category: 'road_damage', padding: 'x'.repeat(2 * MiB) }),
    });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().error.code).toBe('api_key_required');
  });
});

describe('a known sender uploads as before', () => {
  async function postPhoto(fields: Record<string, string>, url = '/open311/v2/requests.json', headers = {}) {
    const { body, contentType } = await multipartBody(
      [{ field: 'media', name: 'pothole.jpg', type: 'image/jpeg', bytes: await plainJpeg() }],
      { service_code: 'road_damage', ...CITADEL, description: 'Ổ gà có ảnh', ...fields },
    );
    return t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload: body });
  }

  it('takes the key as a field ahead of the file, in the query string or in X-Api-Key', async () => {
    for (const answer of [
      await postPhoto({ api_key: reportKey }),
      await postPhoto({}, `/open311/v2/requests.json?api_key=${encodeURIComponent(reportKey)}`),
      await postPhoto({}, '/open311/v2/requests.json', { 'x-api-key': reportKey }),
    ]) {
      expect(answer.statusCode, answer.body).toBe(201);
    }
    // each photo belongs to the client's service user from the start
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM media m JOIN api_clients k ON k.service_user_id = m.uploaded_by`,
    );
    expect(rows[0]?.n).toBe(3);
  });
});
