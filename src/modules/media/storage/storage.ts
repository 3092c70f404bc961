// Where media objects live: a local folder or an S3-compatible bucket behind one interface.
// Objects are immutable and named by content (see keys below), so storing one twice is a
// no-op and a reader never sees a half-written object.
import type { Readable } from 'node:stream';

/** A byte range, both ends included (as in HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  body: Readable;
  /** Size of the whole object, whatever range was asked for. */
  size: number;
  /** The range served, when one was asked for. */
  range: ByteRange | undefined;
}

export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /**
   * A local folder for files being received and derived before they are stored: on the
   * same file system as the objects for local storage, so that storing is a rename.
   */
  readonly spoolDir: string;
  /**
   * Stores the finished local file at `path` under `key` and removes the file. When an
   * object already has that key the file is just removed: keys are content addresses.
   */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  /** The object (or the range of it), or null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Object keys of one upload, all derived from the SHA-256 of the original bytes. */
export interface MediaKeys {
  original: string;
  public: string;
  thumbnail: string;
}

/**
 * `ab/cd/<sha256>` for the original, with `.public.webp` and `.thumb.webp` beside it for the
 * derived images. Derived copies are named by their source, so the same photo sent twice
 * maps to the same three objects.
 */
export function mediaKeys(sha256: string): MediaKeys {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 in hex: ${sha256}`);
  const original = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  return { original, public: `${original}.public.webp`, thumbnail: `${original}.thumb.webp` };
}

/** Keys come from mediaKeys; anything else (a path with .., a slash at the start) is refused. */
export function assertSafeKey(key: string): void {
  if (!/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}(\.[a-z]+\.[a-z0-9]+)?$/.test(key)) {
    throw new Error(`not a media object key: ${key}`);
  }
}
