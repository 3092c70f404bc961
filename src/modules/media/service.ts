// The media module owns uploaded photos, video and audio: receiving them, the `media` table,
// the stored objects and the public copies. It knows nothing of cases, which link to media
// through their own table and call publishMedia / discardMedia.
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { type Limit, remainingIn, secondsUntilRoom, takeFromLimits } from '../../platform/rate-limit.js';
import type { MediaKind } from './formats.js';
import { type ProcessedImage, processImage } from './images.js';
import { sanitizeFileName } from './names.js';
import type { StoredMedia } from './schemas.js';
import { spoolUpload } from './spool.js';
import { type MediaStorage, mediaKeys } from './storage/index.js';

export interface UploadPart {
  file: Readable;
  /** The name the client gave; cleaned, and only used to name the file to people. */
  filename: string;
  /** The client's declared content type: never trusted to decide what the file is. */
  mimetype?: string | undefined;
}

export interface UploadOptions {
  uploadedBy: string | null;
  /** Largest picture decoded, in pixels (MEDIA_MAX_PIXELS); the default otherwise. */
  maxPixels?: number;
  /** The uploader's quota of bytes (citizens' daily quota); none for API clients. */
  quota?: Limit | null;
}

const MiB = 1024 * 1024;

function quotaExceeded(quota: Limit, retryAfterSeconds: number): AppError {
  return new AppError(
    429,
    'upload_quota_exceeded',
    `You have uploaded all you may in a day (${Math.round(quota.max / MiB)} MB): try again later`,
    { retry_after_seconds: retryAfterSeconds, max_bytes: quota.max, window_seconds: quota.windowSeconds },
  );
}

export interface MediaRow {
  id: string;
  sha256: string;
  kind: MediaKind;
  mime: string;
  size_bytes: number;
  original_name: string;
  original_key: string;
  public_key: string | null;
  thumbnail_key: string | null;
  width: number | null;
  height: number | null;
  exif_lat: number | null;
  exif_lon: number | null;
  exif_taken_at: Date | null;
  public: boolean;
  uploaded_by: string | null;
  created_at: Date;
}

/** Serialises storing and discarding objects of one content hash across servers. */
const lockContent = (tx: Queryable, sha256: string) =>
  tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`citypulse:media:${sha256}`]);

function toStoredMedia(row: MediaRow): StoredMedia {
  const hasSuggestion = row.exif_lat !== null || row.exif_taken_at !== null;
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    size_bytes: row.size_bytes,
    sha256: row.sha256,
    original_name: row.original_name,
    width: row.width,
    height: row.height,
    suggestion: hasSuggestion
      ? { lat: row.exif_lat, lon: row.exif_lon, taken_at: row.exif_taken_at?.toISOString() ?? null }
      : null,
  };
}

/**
 * Receives one uploaded file: checks what it is by its bytes, enforces its kind's size limit
 * while streaming, derives the public copy and thumbnail of a photo, stores the objects and
 * records the row. Throws AppError 413 file_too_large, 415 unsupported_media_type or 422
 * corrupt_image / image_dimensions_too_large, naming the file; nothing is left behind then.
 */
export async function receiveUpload(
  db: Database,
  storage: MediaStorage,
  part: UploadPart,
  options: UploadOptions,
): Promise<StoredMedia> {
  const name = sanitizeFileName(part.filename);
  const quota = options.quota ?? null;
  // What the quota still takes caps the stream, so an exhausted quota reads almost nothing;
  // the bytes are counted once the file's size is known, in one step with the check.
  let cap: { maxBytes: number; refuse: () => Promise<AppError> } | undefined;
  if (quota) {
    const room = await remainingIn(db, quota);
    const refuse = async () => quotaExceeded(quota, await secondsUntilRoom(db, quota, 1));
    if (room <= 0) throw await refuse();
    cap = { maxBytes: room, refuse };
  }
  const spooled = await spoolUpload(part.file, storage.spoolDir, name, part.mimetype, cap);
  const derived = { publicPath: `${spooled.path}.public.webp`, thumbnailPath: `${spooled.path}.thumb.webp` };
  try {
    if (quota) {
      await takeFromLimits(db, [quota], 'quota', {
        cost: spooled.size,
        refuse: (wait) => quotaExceeded(quota, wait),
      });
    }
    const { kind, mime } = spooled.format;
    const image: ProcessedImage | null =
      kind === 'image' ? await processImage(spooled.path, name, mime, derived, options.maxPixels) : null;
    const keys = mediaKeys(spooled.sha256);

    // The row first, under the content lock: from then on a discard of another row with
    // the same bytes sees this one and leaves the shared objects alone.
    const row = await db.transaction(async (tx) => {
      await lockContent(tx, spooled.sha256);
      const { rows } = await tx.query<MediaRow>(
        `INSERT INTO media (sha256, kind, mime, size_bytes, original_name, original_key, public_key, thumbnail_key,
           width, height, exif_lat, exif_lon, exif_taken_at, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING *`,
        [
          spooled.sha256,
          kind,
          mime,
          spooled.size,
          name,
          keys.original,
          image ? keys.public : null,
          image ? keys.thumbnail : null,
          image?.width ?? null,
          image?.height ?? null,
          image?.suggestion?.lat ?? null,
          image?.suggestion?.lon ?? null,
          image?.suggestion?.taken_at ?? null,
          options.uploadedBy,
        ],
      );
      return rows[0] as MediaRow;
    });
    try {
      await storage.putFile(keys.original, spooled.path, mime);
      if (image) {
        await storage.putFile(keys.public, derived.publicPath, 'image/webp');
        await storage.putFile(keys.thumbnail, derived.thumbnailPath, 'image/webp');
      }
    } catch (error) {
      await discardMedia(db, storage, [row.id]);
      throw error;
    }
    return toStoredMedia(row);
  } finally {
    await Promise.all(
      [spooled.path, derived.publicPath, derived.thumbnailPath].map((path) => rm(path, { force: true })),
    );
  }
}

export interface DiscardResult {
  /** Rows deleted. */
  deleted: number;
  /** Objects removed from storage: those no remaining row refers to. */
  removedObjects: string[];
  /** Objects that could not be removed (storage unreachable): orphans to sweep later. */
  failedObjects: string[];
}

/**
 * Deletes media rows and every stored object that no remaining row refers to, so that a
 * failed intake leaves no files behind while bytes shared with another upload survive.
 * A storage failure does not undo the deletion: it is reported in failedObjects.
 */
export async function discardMedia(
  db: Database,
  storage: MediaStorage,
  ids: readonly string[],
): Promise<DiscardResult> {
  if (ids.length === 0) return { deleted: 0, removedObjects: [], failedObjects: [] };
  return db.transaction((tx) => discardMediaIn(tx, storage, ids));
}

/** discardMedia inside the caller's transaction (a sweep that locked the rows it picked). */
export async function discardMediaIn(
  tx: Queryable,
  storage: MediaStorage,
  ids: readonly string[],
): Promise<DiscardResult> {
  if (ids.length === 0) return { deleted: 0, removedObjects: [], failedObjects: [] };
  const { rows: hashes } = await tx.query<{ sha256: string }>(
    'SELECT DISTINCT sha256 FROM media WHERE id = ANY($1::uuid[]) ORDER BY sha256',
    [ids],
  );
  for (const { sha256 } of hashes) await lockContent(tx, sha256); // in order: no deadlock
  const { rowCount } = await tx.query('DELETE FROM media WHERE id = ANY($1::uuid[])', [ids]);
  const { rows: unreferenced } = await tx.query<{ sha256: string }>(
    `SELECT h AS sha256 FROM unnest($1::text[]) AS h
      WHERE NOT EXISTS (SELECT 1 FROM media WHERE media.sha256 = h)`,
    [hashes.map((row) => row.sha256)],
  );
  const removedObjects: string[] = [];
  const failedObjects: string[] = [];
  for (const { sha256 } of unreferenced) {
    for (const key of Object.values(mediaKeys(sha256))) {
      try {
        await storage.delete(key);
        removedObjects.push(key);
      } catch {
        failedObjects.push(key);
      }
    }
  }
  return { deleted: rowCount, removedObjects, failedObjects };
}

/** Lets the public see these photos (their re-encoded copies, never the originals). */
export async function publishMedia(db: Queryable, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rowCount } = await db.query('UPDATE media SET public = true WHERE id = ANY($1::uuid[]) AND NOT public', [
    ids,
  ]);
  return rowCount;
}

/** Withdraws photos from the public (say, a face or a plate that should not be shown). */
export async function unpublishMedia(db: Queryable, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rowCount } = await db.query('UPDATE media SET public = false WHERE id = ANY($1::uuid[]) AND public', [ids]);
  return rowCount;
}

export async function getMedia(db: Queryable, id: string): Promise<MediaRow | null> {
  const { rows } = await db.query<MediaRow>('SELECT * FROM media WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function getStoredMedia(db: Queryable, ids: readonly string[]): Promise<StoredMedia[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<MediaRow>('SELECT * FROM media WHERE id = ANY($1::uuid[]) ORDER BY created_at, id', [
    ids,
  ]);
  return rows.map(toStoredMedia);
}

/** Where the API serves a media file, relative to the server root. */
export interface MediaUrls {
  original: string;
  /** Images only; answered only once the photo is public. */
  public: string | null;
  thumbnail: string | null;
}

export const MEDIA_PATH_PREFIX = '/api/v1/media';

export function mediaUrls(media: { id: string; kind: MediaKind }): MediaUrls {
  const base = `${MEDIA_PATH_PREFIX}/${encodeURIComponent(media.id)}`;
  const isImage = media.kind === 'image';
  return {
    original: `${base}/original`,
    public: isImage ? `${base}/public` : null,
    thumbnail: isImage ? `${base}/thumbnail` : null,
  };
}
