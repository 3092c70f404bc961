// receiveUpload, discardMedia and publishMedia against a real database and real files in a
// temporary DATA_DIR: what is accepted, what is refused, and what is left on disk after each.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { loadConfig } from '../../platform/config.js';
import { migrate } from '../../platform/db/migrate.js';
import { AppError } from '../../platform/errors.js';
import { MAX_BYTES } from './formats.js';
import { discardMedia, getMedia, getStoredMedia, publishMedia, receiveUpload, unpublishMedia } from './service.js';
import { sweepSpool } from './spool.js';
import { createStorage, type LocalMediaStorage, mediaKeys } from './storage/index.js';
import * as fixtures from './test-fixtures.js';

let t: TestDatabase;
let dataDir: string;
let storage: LocalMediaStorage;
let citizen: TestUser;

beforeAll(async () => {
  t = await openTestDatabase();
  await migrate(t.db);
  dataDir = mkdtempSync(join(tmpdir(), 'citypulse-media-'));
  storage = createStorage(loadConfig({ DATA_DIR: dataDir })) as LocalMediaStorage;
  citizen = await createUser(t.db, 'citizen');
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  // Each test starts from an empty store, so what it finds on disk is its own doing.
  await t.db.query('DELETE FROM media');
  rmSync(join(dataDir, 'media'), { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under <DATA_DIR>/media, relative to it (spool files included). */
function filesOnDisk(): string[] {
  const root = join(dataDir, 'media');
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => statSync(join(root, name)).isFile())
      .sort();
  } catch {
    return [];
  }
}
const spoolFiles = () => filesOnDisk().filter((name) => name.startsWith('spool/'));

/** The bytes in 64 KB chunks, as a network would deliver them. */
function chunked(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
    })(),
  );
}

const upload = (bytes: Buffer, filename: string, mimetype?: string) =>
  receiveUpload(t.db, storage, { file: chunked(bytes), filename, mimetype }, { uploadedBy: citizen.id });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the upload to be refused');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectNothingLeft() {
  expect(filesOnDisk()).toEqual([]);
  const { rows } = await t.db.query('SELECT id FROM media');
  expect(rows).toEqual([]);
}

describe('receiving a photo', () => {
  it('stores the original, a public copy and a thumbnail, and suggests where and when it was taken', async () => {
    const photo = await fixtures.jpegWithGps();
    const stored = await upload(photo, 'IMG_0042.jpg', 'image/jpeg');

    expect(stored).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      size_bytes: photo.length,
      sha256: sha256(photo),
      original_name: 'IMG_0042.jpg',
      width: 48, // the camera stored 64 x 48 with "rotate 90": people see it upright
      height: 64,
    });
    expect(stored.suggestion?.lat).toBeCloseTo(fixtures.PHOTO_PLACE.lat, 4);
    expect(stored.suggestion?.lon).toBeCloseTo(fixtures.PHOTO_PLACE.lon, 4);
    expect(stored.suggestion?.taken_at).toBe(fixtures.PHOTO_TAKEN_AT);

    const keys = mediaKeys(stored.sha256);
    expect(filesOnDisk()).toEqual([keys.original, keys.public, keys.thumbnail].sort());
    expect(readFileSync(join(storage.root, keys.original)).equals(photo)).toBe(true);

    const row = await getMedia(t.db, stored.id);
    expect(row).toMatchObject({ uploaded_by: citizen.id, public: false, original_key: keys.original });
    expect(row?.exif_taken_at?.toISOString()).toBe(fixtures.PHOTO_TAKEN_AT);
  });

  it('keeps EXIF and GPS in the original only: the public copy and thumbnail have none', async () => {
    const stored = await upload(await fixtures.jpegWithGps(), 'gps.jpg');
    const keys = mediaKeys(stored.sha256);
    const original = join(storage.root, keys.original);
    const publicCopy = join(storage.root, keys.public);
    const thumbnail = join(storage.root, keys.thumbnail);

    expect((await exifr.gps(original))?.latitude).toBeCloseTo(fixtures.PHOTO_PLACE.lat, 4);
    for (const copy of [publicCopy, thumbnail]) {
      expect(await exifr.parse(copy, true).catch(() => undefined)).toBeUndefined();
      const metadata = await sharp(copy).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: 48, height: 64 });
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined(); // rotated into the pixels instead
      // and no trace of the coordinates in the bytes themselves
      expect(readFileSync(copy).includes(Buffer.from('GPS'))).toBe(false);
    }
  });

  it('bounds the public copy and thumbnail in size', async () => {
    const stored = await upload(await fixtures.plainJpeg(3000, 1000), 'wide.jpg');
    const keys = mediaKeys(stored.sha256);
    expect(await sharp(join(storage.root, keys.public)).metadata()).toMatchObject({ width: 2048, height: 683 });
    expect(await sharp(join(storage.root, keys.thumbnail)).metadata()).toMatchObject({ width: 320, height: 107 });
    expect(stored.suggestion).toBeNull();
  });

  it('decides the type by the bytes, never by the name or the declared type', async () => {
    const pngNamedJpeg = await upload(await fixtures.png(), 'photo.jpg', 'image/jpeg');
    expect(pngNamedJpeg).toMatchObject({ kind: 'image', mime: 'image/png', width: 30, height: 20 });
    const webp = await upload(await fixtures.webp(), 'no-extension', 'application/octet-stream');
    expect(webp).toMatchObject({ kind: 'image', mime: 'image/webp' });

    const text = await refusal(upload(Buffer.from('Not a photo at all, just words.\n'), 'evidence.jpg', 'image/jpeg'));
    expect(text).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(text.message).toContain('"evidence.jpg"');
    expect(text.details).toEqual({ file: 'evidence.jpg', detected: null });
  });

  it('accepts a HEIF photo that this sharp can decode', async () => {
    // An AVIF is a HEIF file: with the "heic" brand, file-type calls it HEIC, and sharp reads it.
    const heif = Buffer.from(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .avif()
        .toBuffer(),
    );
    heif.write('heic', 8, 'latin1');
    expect(await upload(heif, 'IMG_1.HEIC')).toMatchObject({ kind: 'image', mime: 'image/heic', width: 8 });
  });
});

describe('refusing what is not a usable photo', () => {
  it('refuses a JPEG cut off half-way with 422 corrupt_image, leaving nothing behind', async () => {
    const photo = await fixtures.noisyJpeg(0.2);
    const error = await refusal(upload(photo.subarray(0, Math.floor(photo.length / 2)), 'half.jpg'));
    expect(error).toMatchObject({ status: 422, code: 'corrupt_image', details: { file: 'half.jpg' } });
    expect(error.message).toContain('"half.jpg"');
    await expectNothingLeft();
  });

  it('refuses a decompression bomb by its dimensions, before decoding a pixel', async () => {
    const bomb = await fixtures.decompressionBomb(30_000);
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    const error = await refusal(upload(bomb, 'bomb.png'));
    expect(error).toMatchObject({
      status: 422,
      code: 'image_dimensions_too_large',
      details: { file: 'bomb.png', width: 30_000, height: 30_000 },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expectNothingLeft();
  });

  it('refuses a JPEG header followed by HTML: it starts like a photo but is not one', async () => {
    const jpegStart = (await fixtures.plainJpeg()).subarray(0, 20);
    const polyglot = Buffer.concat([jpegStart, Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
    const error = await refusal(upload(polyglot, 'trap.jpg'));
    expect(error).toMatchObject({ status: 422, code: 'corrupt_image' });
    await expectNothingLeft();
  });

  it('accepts a whole JPEG with a ZIP appended, but only its pixels reach the public copy', async () => {
    // Phones append data after a JPEG (Motion Photos), so trailing bytes are not refused;
    // the public copy is re-encoded from pixels, and the original is served to staff only as
    // an attachment with nosniff (see routes).
    const zip = fixtures.zipArchive();
    const polyglot = Buffer.concat([await fixtures.plainJpeg(), zip]);
    const stored = await upload(polyglot, 'holiday.jpg');
    expect(stored).toMatchObject({ kind: 'image', mime: 'image/jpeg', size_bytes: polyglot.length });
    const keys = mediaKeys(stored.sha256);
    expect(readFileSync(join(storage.root, keys.public)).includes(Buffer.from('PK\x03\x04'))).toBe(false);
    expect(readFileSync(join(storage.root, keys.public)).includes(Buffer.from('payload.html'))).toBe(false);
  });

  it('refuses other files with 415, naming them', async () => {
    const cases: [string, Buffer, string | null][] = [
      ['archive.zip', fixtures.zipArchive(), 'application/zip'],
      ['page.html', Buffer.from('<!doctype html><html><body>hi</body></html>'), null],
      ['empty.jpg', Buffer.alloc(0), null],
      [
        'movie.ogv',
        Buffer.concat([
          fixtures.ogg('opus').subarray(0, 28),
          Buffer.from([0x80, ...Buffer.from('theora')]),
          Buffer.alloc(40),
        ]),
        'video/ogg',
      ],
    ];
    for (const [name, bytes, detected] of cases) {
      const error = await refusal(upload(bytes, name));
      expect(error, name).toMatchObject({
        status: 415,
        code: 'unsupported_media_type',
        details: { file: name, detected },
      });
      expect(error.message).toContain(`"${name}"`);
    }
    const empty = await refusal(upload(Buffer.alloc(0), 'empty.jpg'));
    expect(empty.message).toMatch(/is empty/);
    await expectNothingLeft();
  });
});

describe('receiving video and audio', () => {
  it('accepts the video and audio containers recognised by their bytes', async () => {
    const cases: [string, Buffer, string | undefined, string, string][] = [
      ['clip.mp4', fixtures.isoMedia('isom'), 'video/mp4', 'video', 'video/mp4'],
      ['clip.mov', fixtures.isoMedia('qt  '), 'video/quicktime', 'video', 'video/quicktime'],
      ['clip.webm', fixtures.webm('video'), 'video/webm', 'video', 'video/webm'],
      ['voice.m4a', fixtures.isoMedia('M4A '), 'audio/x-m4a', 'audio', 'audio/mp4'],
      ['voice.mp3', fixtures.mp3(), 'audio/mpeg', 'audio', 'audio/mpeg'],
      ['voice.ogg', fixtures.ogg('opus'), 'audio/ogg', 'audio', 'audio/ogg'],
      ['voice.oga', fixtures.ogg('vorbis'), undefined, 'audio', 'audio/ogg'],
      // a browser's voice note: WebM whose only track is audio
      ['voice.webm', fixtures.webm('audio'), 'video/webm', 'audio', 'audio/webm'],
      // an MP3 behind a 300 KB ID3 tag (cover art)
      ['song.mp3', fixtures.mp3(300_000), undefined, 'audio', 'audio/mpeg'],
    ];
    for (const [name, bytes, declared, kind, mime] of cases) {
      const stored = await upload(bytes, name, declared);
      expect(stored, name).toMatchObject({ kind, mime, width: null, height: null, suggestion: null });
      expect((await getMedia(t.db, stored.id))?.public_key, name).toBeNull();
    }
    // originals only: no public copy or thumbnail is made of video or audio
    expect(filesOnDisk()).toHaveLength(cases.length);
  });

  it('takes WebM as audio by the declared type only when its track list is out of sight', async () => {
    const late = fixtures.webm('audio', 70_000); // tracks after 70 KB of padding
    expect(await upload(late, 'a.webm', 'audio/webm')).toMatchObject({ kind: 'audio', mime: 'audio/webm' });
    expect(await upload(late, 'b.webm', undefined)).toMatchObject({ kind: 'video', mime: 'video/webm' });
    // in sight, the tracks win over any declaration
    expect(await upload(fixtures.webm('video'), 'c.webm', 'audio/webm')).toMatchObject({ kind: 'video' });
  });
});

describe('size limits, enforced while streaming', () => {
  const sizes: [string, Buffer, keyof typeof MAX_BYTES][] = [
    ['video.mp4', fixtures.isoMedia('isom'), 'video'],
    ['voice.mp3', fixtures.mp3(), 'audio'],
    ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), 'image'],
  ];
  it.each(sizes)(
    'stops %s with 413 as soon as its kind limit is passed, removing the partial file',
    async (name, header, kind) => {
      const source = fixtures.generatedStream(header, 1024 ** 3); // 1 GB, never allocated
      let destroyed = false;
      source.stream.on('close', () => {
        destroyed = true;
      });
      const error = await refusal(
        receiveUpload(t.db, storage, { file: source.stream, filename: name }, { uploadedBy: null }),
      );
      expect(error).toMatchObject({
        status: 413,
        code: 'file_too_large',
        details: { file: name, kind, max_bytes: MAX_BYTES[kind] },
      });
      expect(error.message).toContain(`"${name}"`);
      // read no further than the limit and a chunk or two of read-ahead
      expect(source.produced()).toBeGreaterThan(MAX_BYTES[kind]);
      expect(source.produced()).toBeLessThan(MAX_BYTES[kind] + 1024 * 1024);
      expect(destroyed).toBe(true);
      await expectNothingLeft();
    },
  );

  it('accepts a file of exactly the limit', async () => {
    const source = fixtures.generatedStream(fixtures.mp3(), MAX_BYTES.audio);
    const stored = await receiveUpload(
      t.db,
      storage,
      { file: source.stream, filename: 'long.mp3' },
      { uploadedBy: null },
    );
    expect(stored).toMatchObject({ kind: 'audio', size_bytes: MAX_BYTES.audio });
  });

  it('streams to disk: what has arrived but is not yet written stays small, whatever the file size', async () => {
    const photo = await fixtures.noisyJpeg(5);
    expect(photo.length).toBeGreaterThan(4_500_000);
    let produced = 0;
    let inFlightMax = 0;
    const spoolDir = join(dataDir, 'media', 'spool');
    async function* slowly() {
      for (let offset = 0; offset < photo.length; offset += 64 * 1024) {
        const spooled = readdirSync(spoolDir).filter((name) => name.endsWith('.upload'));
        const written = spooled.length === 1 ? statSync(join(spoolDir, spooled[0] as string)).size : 0;
        inFlightMax = Math.max(inFlightMax, produced - written);
        const chunk = photo.subarray(offset, offset + 64 * 1024);
        produced += chunk.length;
        yield chunk;
      }
    }
    const stored = await receiveUpload(
      t.db,
      storage,
      { file: Readable.from(slowly()), filename: 'big.jpg' },
      { uploadedBy: null },
    );
    expect(stored).toMatchObject({ kind: 'image', size_bytes: photo.length });
    // The sniffing window (64 KB) plus stream buffers: not the 5 MB of the photo.
    expect(inFlightMax).toBeLessThan(512 * 1024);
    expect(spoolFiles()).toEqual([]);
  });
});

describe('content addressing', () => {
  it('stores the same bytes once, however often they arrive', async () => {
    const photo = await fixtures.jpegWithGps();
    const first = await upload(photo, 'one.jpg');
    const before = filesOnDisk();
    const second = await upload(photo, 'two.jpg');
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    expect(filesOnDisk()).toEqual(before);
    expect(before).toHaveLength(3);
    const both = await getStoredMedia(t.db, [second.id, first.id]);
    expect(both.map((media) => media.original_name)).toEqual(['one.jpg', 'two.jpg']);
    expect(both[1]).toEqual(second);
  });

  it('discardMedia deletes rows and the objects that no remaining row uses, keeping shared ones', async () => {
    const shared = await fixtures.plainJpeg(20, 20, '#123456');
    const a1 = await upload(shared, 'a1.jpg');
    const a2 = await upload(shared, 'a2.jpg');
    const b = await upload(fixtures.mp3(), 'b.mp3');
    const sharedKeys = Object.values(mediaKeys(a1.sha256)).sort();

    const first = await discardMedia(t.db, storage, [a1.id, b.id]);
    expect(first).toEqual({
      deleted: 2,
      removedObjects: [mediaKeys(b.sha256).original, mediaKeys(b.sha256).public, mediaKeys(b.sha256).thumbnail],
      failedObjects: [],
    });
    expect(filesOnDisk()).toEqual(sharedKeys); // a2 still uses them
    expect(await getMedia(t.db, a1.id)).toBeNull();
    expect(await getMedia(t.db, a2.id)).not.toBeNull();

    const second = await discardMedia(t.db, storage, [a2.id]);
    expect(second.deleted).toBe(1);
    expect(second.removedObjects.sort()).toEqual(sharedKeys);
    await expectNothingLeft();
    expect(await discardMedia(t.db, storage, [])).toEqual({ deleted: 0, removedObjects: [], failedObjects: [] });
  });

  it('a discard racing an upload of the same bytes never leaves a row without its objects', async () => {
    const bytes = await fixtures.plainJpeg(16, 16, '#abcdef');
    for (let round = 0; round < 5; round++) {
      const first = await upload(bytes, 'first.jpg');
      const [, second] = await Promise.all([discardMedia(t.db, storage, [first.id]), upload(bytes, 'second.jpg')]);
      const keys = mediaKeys(second.sha256);
      expect(filesOnDisk()).toEqual(Object.values(keys).sort());
      await discardMedia(t.db, storage, [second.id]);
      await expectNothingLeft();
    }
  });
});

describe('publishing', () => {
  it('publishMedia and unpublishMedia flip the public flag and say how many changed', async () => {
    const a = await upload(await fixtures.png(), 'a.png');
    const b = await upload(await fixtures.webp(), 'b.webp');
    expect(await publishMedia(t.db, [a.id, b.id])).toBe(2);
    expect(await publishMedia(t.db, [a.id])).toBe(0);
    expect((await getMedia(t.db, a.id))?.public).toBe(true);
    expect(await unpublishMedia(t.db, [a.id])).toBe(1);
    expect((await getMedia(t.db, a.id))?.public).toBe(false);
    expect(await publishMedia(t.db, [])).toBe(0);
  });
});

describe('file names', () => {
  it('keeps a cleaned name: no folders, no control or direction characters, at most 200 characters', async () => {
    const photo = await fixtures.png();
    expect((await upload(photo, '../../etc/passwd')).original_name).toBe('passwd');
    expect((await upload(photo, 'C:\\Users\\lan\\Ảnh hồ\u0000 Tịnh Tâm.png')).original_name).toBe(
      'Ảnh hồ Tịnh Tâm.png',
    );
    expect((await upload(photo, 'invoice\u202egnp.exe')).original_name).toBe('invoicegnp.exe');
    expect((await upload(photo, '')).original_name).toBe('upload');
    const long = (await upload(photo, `${'đ'.repeat(300)}.png`)).original_name;
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.png')).toBe(true);
  });
});

describe('the spool', () => {
  it('sweepSpool removes what a crash left behind a day ago, and nothing newer', async () => {
    mkdirSync(storage.spoolDir, { recursive: true });
    const stale = join(storage.spoolDir, 'crashed.upload');
    const fresh = join(storage.spoolDir, 'arriving.upload');
    writeFileSync(stale, 'half a photo');
    writeFileSync(fresh, 'a photo arriving now');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    expect(await sweepSpool(storage.spoolDir)).toBe(1);
    expect(spoolFiles()).toEqual(['spool/arriving.upload']);
    expect(await sweepSpool(join(dataDir, 'no-such-dir'))).toBe(0);
  });
});
