// Media files made at test time: real photos from sharp (one with EXIF GPS), hand-built
// container headers that file-type recognises, and the hostile ones (a bomb, a truncated
// JPEG, polyglots, an endless stream) that the module must refuse or defuse.
import { Readable } from 'node:stream';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';

/** Hue's Citadel, where the test photos were "taken". */
export const PHOTO_PLACE = { lat: 16.4698, lon: 107.5786 };
export const PHOTO_TAKEN_AT = '2025-03-14T02:26:53.000Z'; // 09:26:53 at +07:00

function dms(value: number): string {
  const degrees = Math.floor(value);
  const minutesFull = (value - degrees) * 60;
  const minutes = Math.floor(minutesFull);
  const hundredthsOfSeconds = Math.round((minutesFull - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${hundredthsOfSeconds}/100`;
}

/**
 * A 64 x 48 JPEG (landscape pixels) with EXIF orientation 6 (shown rotated, 48 x 64), a
 * capture time with its offset and a GPS position.
 */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#b22222' } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'CityPulse', Model: 'Test camera' },
      IFD2: { DateTimeOriginal: '2025:03:14 09:26:53', OffsetTimeOriginal: '+07:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: dms(PHOTO_PLACE.lat),
        GPSLongitudeRef: 'E',
        GPSLongitude: dms(PHOTO_PLACE.lon),
      },
    })
    .toBuffer();
}

export const plainJpeg = (width = 40, height = 30, colour = '#1e90ff') =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
export const png = () =>
  sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
export const webp = () =>
  sharp({ create: { width: 25, height: 25, channels: 3, background: '#ffd700' } })
    .webp()
    .toBuffer();

/** A photo of camera noise, about `megabytes` MB as JPEG: a realistic size that does not compress. */
export async function noisyJpeg(megabytes: number): Promise<Buffer> {
  const side = Math.round(Math.sqrt((megabytes * 1_000_000) / 1.3)); // ~1.3 bytes a pixel
  return sharp({
    create: {
      width: side,
      height: side,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .jpeg({ quality: 100 })
    .toBuffer();
}

const box = (type: string, payload: Buffer) => {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
};

/** An ISO media file header (ftyp, free, a little mdat) with the given major brand. */
export function isoMedia(brand: 'isom' | 'M4A ' | 'qt  ', body = Buffer.alloc(256, 7)): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.concat([Buffer.from(brand, 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from(`${brand}mp41`, 'latin1')]),
  );
  return Buffer.concat([ftyp, box('free', Buffer.alloc(0)), box('mdat', body)]);
}

function vintSize(length: number): Buffer {
  if (length < 0x7f) return Buffer.from([0x80 | length]);
  const bytes = Buffer.alloc(8);
  bytes[0] = 0x01;
  bytes.writeUIntBE(length, 2, 6);
  return bytes;
}
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const ebml = (id: number[], payload: Buffer | string | number, size?: Buffer) => {
  const body =
    typeof payload === 'number' ? Buffer.from([payload]) : typeof payload === 'string' ? Buffer.from(payload) : payload;
  return Buffer.concat([Buffer.from(id), size ?? vintSize(body.length), body]);
};

/**
 * A WebM as a browser's MediaRecorder writes it: EBML header, a segment of unknown size,
 * Info, the track list, a first cluster. `padding` puts a Void element before the tracks.
 */
export function webm(track: 'video' | 'audio', padding = 0): Buffer {
  const header = ebml(
    [0x1a, 0x45, 0xdf, 0xa3],
    Buffer.concat([
      ebml([0x42, 0x86], 1),
      ebml([0x42, 0xf7], 1),
      ebml([0x42, 0xf2], 4),
      ebml([0x42, 0xf3], 8),
      ebml([0x42, 0x82], 'webm'),
      ebml([0x42, 0x87], 4),
      ebml([0x42, 0x85], 2),
    ]),
  );
  const entry = ebml(
    [0xae],
    Buffer.concat([
      ebml([0xd7], 1),
      ebml([0x73, 0xc5], 1),
      ebml([0x83], track === 'video' ? 1 : 2),
      ebml([0x86], track === 'video' ? 'V_VP8' : 'A_OPUS'),
    ]),
  );
  const segment = Buffer.concat([
    ebml([0x15, 0x49, 0xa9, 0x66], ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40]))),
    padding > 0 ? ebml([0xec], Buffer.alloc(padding)) : Buffer.alloc(0),
    ebml([0x16, 0x54, 0xae, 0x6b], entry),
    ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.concat([ebml([0xe7], 0), Buffer.alloc(512, 3)]), UNKNOWN_SIZE),
  ]);
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], segment, UNKNOWN_SIZE)]);
}

/** An MP3: an ID3v2 tag of `tagBytes` (cover art makes them large), then MPEG-1 layer III frames. */
export function mp3(tagBytes = 32): Buffer {
  const tag = Buffer.alloc(10 + tagBytes);
  tag.write('ID3', 0, 'latin1');
  tag[3] = 4;
  for (let i = 0; i < 4; i++) tag[6 + i] = (tagBytes >> (7 * (3 - i))) & 0x7f;
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat([tag, frame, frame, frame]);
}

/** An Ogg page starting an Opus (or Vorbis) stream. */
export function ogg(codec: 'opus' | 'vorbis'): Buffer {
  const packet =
    codec === 'opus'
      ? Buffer.concat([Buffer.from('OpusHead'), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])])
      : Buffer.concat([Buffer.from([1]), Buffer.from('vorbis'), Buffer.alloc(23)]);
  const page = Buffer.alloc(27);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02; // beginning of stream
  page[26] = 1; // one segment
  return Buffer.concat([page, Buffer.from([packet.length]), packet, Buffer.alloc(64)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A valid PNG of `side` x `side` one-bit pixels of one colour: 900 megapixels for 30000, yet
 * about 100 KB on disk. Decoding it in full would take gigabytes.
 */
export async function decompressionBomb(side = 30_000): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter byte 0, then zero pixels
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  for (let y = 0; y < side; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.concat(compressed)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal ZIP (one empty stored file), as appended to an image to make a polyglot. */
export function zipArchive(): Buffer {
  const name = Buffer.from('payload.html');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length, 16);
  return Buffer.concat([local, name, central, name, end]);
}

export interface GeneratedStream {
  stream: Readable;
  /** Bytes handed out so far. */
  produced(): number;
}

/**
 * `header` followed by zeros up to `totalBytes`, produced lazily in 64 KB chunks (one
 * reused buffer), so a test can send gigabytes without holding them. `beforeChunk` runs
 * before each chunk is handed out.
 */
export function generatedStream(
  header: Buffer,
  totalBytes: number,
  beforeChunk?: (produced: number) => void | Promise<void>,
): GeneratedStream {
  const zeros = Buffer.alloc(64 * 1024);
  let produced = 0;
  async function* chunks() {
    await beforeChunk?.(produced);
    produced += header.length;
    yield header;
    while (produced < totalBytes) {
      await beforeChunk?.(produced);
      const size = Math.min(zeros.length, totalBytes - produced);
      produced += size;
      yield size === zeros.length ? zeros : zeros.subarray(0, size);
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), produced: () => produced };
}

/** One multipart/form-data body, as a browser would send it (built by the web FormData). */
export async function multipartBody(
  files: { field?: string; name: string; type: string; bytes: Buffer }[],
  fields: Record<string, string> = {},
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(file.field ?? 'files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  }
  const request = new Request('http://citypulse.test/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

/**
 * A multipart body whose one file is produced lazily (for a file far larger than memory
 * should hold), framed by hand around the stream.
 */
export function streamingMultipart(
  file: { name: string; type: string; stream: Readable },
  boundary = `----citypulse${Date.now()}`,
): { stream: Readable; contentType: string } {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts() {
    yield head;
    for await (const chunk of file.stream) yield chunk as Buffer;
    yield tail;
  }
  return {
    stream: Readable.from(parts(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
