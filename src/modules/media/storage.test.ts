// The storage contract, run on the local disk and on an S3-compatible server (s3rver, in
// this process on a loopback port, spoken to by the real AWS SDK client), and the media
// service end to end on each.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { loadConfig } from '../../platform/config.js';
import { migrate } from '../../platform/db/migrate.js';
import { discardMedia, receiveUpload } from './service.js';
import { createStorage, type MediaStorage, mediaKeys, S3MediaStorage } from './storage/index.js';
import * as fixtures from './test-fixtures.js';

const BUCKET = 'citypulse-media';

interface Backend {
  name: string;
  start(dataDir: string): Promise<{ storage: MediaStorage; stop(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'local disk',
    async start(dataDir) {
      return { storage: createStorage(loadConfig({ DATA_DIR: dataDir })), stop: async () => {} };
    },
  },
  {
    name: 'S3 (s3rver)',
    async start(dataDir) {
      const server = new S3rver({
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory: join(dataDir, 's3rver'),
        configureBuckets: [{ name: BUCKET, configs: [] }],
      });
      const { port } = await server.run();
      const storage = createStorage(
        loadConfig({
          DATA_DIR: dataDir,
          MEDIA_STORAGE: 's3',
          S3_ENDPOINT: `http://127.0.0.1:${port}`,
          S3_BUCKET: BUCKET,
          S3_REGION: 'us-east-1',
          S3_ACCESS_KEY_ID: 'S3RVER', // s3rver's fixed credentials
          S3_SECRET_ACCESS_KEY: 'S3RVER',
          S3_FORCE_PATH_STYLE: 'true',
        }),
      );
      expect(storage).toBeInstanceOf(S3MediaStorage);
      return {
        storage,
        async stop() {
          (storage as S3MediaStorage).close();
          await server.close();
        },
      };
    },
  },
];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(backends)('media storage on $name', (backend) => {
  let dataDir: string;
  let storage: MediaStorage;
  let stop: () => Promise<void>;
  let t: TestDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'citypulse-storage-'));
    ({ storage, stop } = await backend.start(dataDir));
    t = await openTestDatabase();
    await migrate(t.db);
  });
  afterAll(async () => {
    await stop?.();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function spoolFile(content: string): string {
    mkdirSync(storage.spoolDir, { recursive: true });
    const path = join(storage.spoolDir, `${Math.random().toString(36).slice(2)}.upload`);
    writeFileSync(path, content);
    return path;
  }
  const keyFor = (content: string) => mediaKeys(sha256(Buffer.from(content))).original;

  it('stores a spooled file under its key, consuming the spool file', async () => {
    const content = 'the bytes of a photo';
    const key = keyFor(content);
    const path = spoolFile(content);
    await storage.putFile(key, path, 'image/jpeg');
    expect(existsSync(path)).toBe(false);
    expect(await storage.stat(key)).toEqual({ size: content.length });
    const object = await storage.get(key);
    expect(object?.size).toBe(content.length);
    expect(await text(object?.body as Readable)).toBe(content);
  });

  it('treats a second store of the same key as done, without rewriting it', async () => {
    const content = 'stored once';
    const key = keyFor(content);
    await storage.putFile(key, spoolFile(content), 'audio/mpeg');
    const again = spoolFile('a different file under the same key would be a bug; it is not written');
    await storage.putFile(key, again, 'audio/mpeg');
    expect(existsSync(again)).toBe(false);
    expect(await text((await storage.get(key))?.body as Readable)).toBe(content);
  });

  it('serves a byte range with the size of the whole object', async () => {
    const content = '0123456789abcdef';
    const key = keyFor(content);
    await storage.putFile(key, spoolFile(content), 'video/mp4');
    const part = await storage.get(key, { start: 4, end: 9 });
    expect(part).toMatchObject({ size: 16, range: { start: 4, end: 9 } });
    expect(await text(part?.body as Readable)).toBe('456789');
  });

  it('answers null for a missing object, deletes idempotently, and refuses keys that are not content addresses', async () => {
    const content = 'to be deleted';
    const key = keyFor(content);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.stat(key)).toBeNull();
    await storage.putFile(key, spoolFile(content), 'image/png');
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not a media object key/);
    await expect(storage.putFile('a/b', spoolFile('x'), 'image/png')).rejects.toThrow(/not a media object key/);
  });

  it('receives a photo into this storage and discards it without leaving objects', async () => {
    const photo = await fixtures.jpegWithGps();
    const part = { file: Readable.from([photo]), filename: 'street.jpg', mimetype: 'image/jpeg' };
    const stored = await receiveUpload(t.db, storage, part, { uploadedBy: null });
    const keys = mediaKeys(stored.sha256);
    for (const key of Object.values(keys)) expect(await storage.stat(key), key).not.toBeNull();
    expect(await storage.stat(keys.original)).toEqual({ size: photo.length });

    const result = await discardMedia(t.db, storage, [stored.id]);
    expect(result.removedObjects.sort()).toEqual(Object.values(keys).sort());
    for (const key of Object.values(keys)) expect(await storage.stat(key), key).toBeNull();
  });

  it('refuses an oversize upload without storing anything', async () => {
    const source = fixtures.generatedStream(fixtures.mp3(), 64 * 1024 * 1024);
    await expect(
      receiveUpload(t.db, storage, { file: source.stream, filename: 'long.mp3' }, { uploadedBy: null }),
    ).rejects.toMatchObject({ status: 413, code: 'file_too_large' });
    const { rows } = await t.db.query('SELECT id FROM media');
    expect(rows).toEqual([]);
  });
});
