// Photos are decoded for real (a file that only starts like a JPEG is refused), measured
// against a pixel budget before any decoding (decompression bombs), and re-encoded into a
// public copy and a thumbnail that carry no metadata at all. The original keeps its EXIF for
// staff, and its GPS position and capture time are offered as a suggestion.
import { availableParallelism } from 'node:os';
import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import { AppError, unprocessable } from '../../platform/errors.js';
import type { LocationSuggestion } from './schemas.js';

// Every upload is a new file read once: libvips' cache would only keep spool files open
// (and their disk space held) after they are stored or removed.
sharp.cache(false);

/**
 * The default largest picture (MEDIA_MAX_PIXELS): 50 megapixels is above any phone's normal
 * photo (12-48 MP), while a progressive JPEG of that size already needs ~300 MB to decode.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
const PUBLIC_MAX_EDGE = 2048;
const THUMBNAIL_EDGE = 320;
/**
 * Photos decoded at once in this process: one per core. A decode holds the picture's pixels
 * (36 MB for a 12 MP phone photo; a progressive JPEG holds all its coefficients, ~6 bytes a
 * pixel, 300 MB at 50 MP), so a burst of uploads must queue rather than add up, and more
 * decodes than cores would only share the same CPUs.
 */
export const MAX_CONCURRENT_DECODES = Math.max(1, availableParallelism());

export interface ProcessedImage {
  /** As displayed, after EXIF orientation. */
  width: number;
  height: number;
  /** taken_at only when the instant is known: an offset, or the GPS clock (UTC), was recorded. */
  suggestion: LocationSuggestion | null;
}

const notReadable = (fileName: string) =>
  unprocessable('corrupt_image', `"${fileName}" could not be read as a picture: it is damaged or incomplete`, {
    file: fileName,
  });

const tooManyPixels = (fileName: string, maxPixels: number, width?: number, height?: number) =>
  unprocessable(
    'image_dimensions_too_large',
    `"${fileName}" is too large a picture${width && height ? ` (${width} x ${height} pixels)` : ''}: at most ${maxPixels / 1_000_000} megapixels`,
    { file: fileName, width, height, max_pixels: maxPixels },
  );

export function translateSharpError(
  error: unknown,
  fileName: string,
  mime: string,
  maxPixels = MAX_IMAGE_PIXELS,
): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return tooManyPixels(fileName, maxPixels);
  if (mime.startsWith('image/hei') && /compression format|not built|unsupported|no decoder/i.test(message)) {
    return new AppError(
      415,
      'unsupported_media_type',
      `"${fileName}" is a HEIC photo, which this server cannot decode: send it as JPEG (most phones can)`,
      { file: fileName, detected: mime },
    );
  }
  return notReadable(fileName);
}

/**
 * Checks and derives the photo at `path`: writes a public copy (at most 2048 px, WebP) to
 * `publicPath` and a 320 px WebP thumbnail to `thumbnailPath`, both auto-rotated and without
 * EXIF, XMP, ICC or any other metadata. A picture of more than `maxPixels` is refused from its
 * header (422 image_dimensions_too_large) before any pixel is decoded.
 */
export async function processImage(
  path: string,
  fileName: string,
  mime: string,
  outputs: { publicPath: string; thumbnailPath: string },
  maxPixels = MAX_IMAGE_PIXELS,
): Promise<ProcessedImage> {
  // failOn 'warning': a truncated JPEG is only a decoder warning, and must still be refused.
  // limitInputPixels again for the decode itself: libvips checks what it really decodes.
  const options = { limitInputPixels: maxPixels, failOn: 'warning', sequentialRead: true } as const;
  let metadata: Metadata;
  try {
    // Reads the header only: the dimensions are checked before a single pixel is decoded.
    metadata = await sharp(path, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw translateSharpError(error, fileName, mime, maxPixels);
  }
  const { width, height } = metadata.autoOrient;
  if (!width || !height) throw notReadable(fileName);
  if (width * height > maxPixels) throw tooManyPixels(fileName, maxPixels, width, height);

  try {
    // Decoded once, in a slot, down to the public copy's size: the thumbnail is made from
    // that copy's pixels rather than from a second decode of the original (which doubled
    // the memory and the time of every photo).
    const upright = await withDecodeSlot(() =>
      sharp(path, options)
        .autoOrient()
        .resize({ width: PUBLIC_MAX_EDGE, height: PUBLIC_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    const pixels = () =>
      sharp(upright.data, {
        raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels },
      });
    await Promise.all([
      pixels().webp({ quality: 82 }).toFile(outputs.publicPath),
      pixels()
        .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toFile(outputs.thumbnailPath),
    ]);
  } catch (error) {
    throw translateSharpError(error, fileName, mime, maxPixels);
  }
  return { width, height, suggestion: await readSuggestion(path) };
}

let decoding = 0;
const waiting: (() => void)[] = [];

async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (decoding >= MAX_CONCURRENT_DECODES) await new Promise<void>((resolve) => waiting.push(resolve));
  else decoding += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else decoding -= 1;
  }
}

type ExifFields = Record<string, unknown>;

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/;
const UTC_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** DateTimeOriginal is wall-clock time: it names an instant only with its offset. */
function capturedAt(fields: ExifFields): Date | null {
  const local = fields.DateTimeOriginal;
  const offset = fields.OffsetTimeOriginal;
  const date = typeof local === 'string' ? EXIF_DATE.exec(local) : null;
  const zone = typeof offset === 'string' ? UTC_OFFSET.exec(offset.trim()) : null;
  if (date && zone) {
    const iso = `${date[1]}-${date[2]}-${date[3]}T${date[4]}:${date[5]}:${date[6]}${zone[1]}${zone[2]}:${zone[3]}`;
    const parsed = new Date(iso);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  // The GPS clock is UTC by definition.
  const gpsDate = fields.GPSDateStamp;
  const gpsTime = fields.GPSTimeStamp;
  const day = typeof gpsDate === 'string' ? /^(\d{4}):(\d{2}):(\d{2})$/.exec(gpsDate.trim()) : null;
  if (day && Array.isArray(gpsTime) && gpsTime.length === 3 && gpsTime.every((n) => typeof n === 'number')) {
    const [hours, minutes, seconds] = gpsTime as [number, number, number];
    const parsed = new Date(
      Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), hours, minutes, Math.floor(seconds)),
    );
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return null;
}

function coordinate(value: unknown, limit: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** The EXIF GPS position and capture time, when the file has them; never an error. */
export async function readSuggestion(path: string): Promise<LocationSuggestion | null> {
  let parsed: unknown;
  try {
    parsed = await exifr.parse(path, { tiff: true, exif: true, gps: true, reviveValues: false });
  } catch {
    return null; // no EXIF, or a format exifr does not read (WebP)
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const fields = parsed as ExifFields;
  let lat = coordinate(fields.latitude, 90);
  let lon = coordinate(fields.longitude, 180);
  // 0,0 is what a camera without a fix writes, not a place in a city.
  if (lat === null || lon === null || (lat === 0 && lon === 0)) {
    lat = null;
    lon = null;
  }
  const takenAt = capturedAt(fields);
  if (lat === null && takenAt === null) return null;
  return { lat, lon, taken_at: takenAt?.toISOString() ?? null };
}
