// Receives one file stream onto local disk: the first bytes decide what it is, then that
// kind's size limit is enforced byte by byte while the rest streams through a SHA-256 into a
// spool file. Nothing is held in memory beyond the first bytes; a refused or broken upload
// leaves no file behind.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, badRequest } from '../../platform/errors.js';
import { type DetectedFormat, detectFormat, sniffBytesWanted } from './detect.js';
import { describeAcceptedFormats, MAX_BYTES, type MediaKind } from './formats.js';

export interface SpooledFile {
  path: string;
  size: number;
  sha256: string;
  format: DetectedFormat;
}

const MiB = 1024 * 1024;

export function fileTooLarge(fileName: string, kind: MediaKind | undefined): AppError {
  const limit = kind ? MAX_BYTES[kind] : Math.max(...Object.values(MAX_BYTES));
  const what =
    kind === 'image' ? 'a photo' : kind === 'video' ? 'a video' : kind === 'audio' ? 'a recording' : 'a file';
  return new AppError(413, 'file_too_large', `"${fileName}" is too large for ${what}: at most ${limit / MiB} MB`, {
    file: fileName,
    kind,
    max_bytes: limit,
  });
}

function unsupported(fileName: string, detected: string | undefined, empty: boolean): AppError {
  const what = empty ? 'is empty' : detected ? `is ${detected}, which is not accepted` : 'is not a file type we accept';
  return new AppError(415, 'unsupported_media_type', `"${fileName}" ${what}. Accepted: ${describeAcceptedFormats()}`, {
    file: fileName,
    detected: detected ?? null,
  });
}

/** Errors of the incoming stream itself (the client went away, multipart's own limit). */
function translateStreamError(error: unknown, fileName: string): unknown {
  if (error instanceof AppError) return error;
  const failure = error as { code?: string; statusCode?: number; message?: string };
  if (failure.statusCode === 413 || failure.code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(fileName, undefined);
  if (
    failure.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    failure.code === 'ECONNRESET' ||
    /aborted|unexpected end/i.test(failure.message ?? '')
  ) {
    return badRequest('upload_incomplete', `"${fileName}" did not arrive whole: the upload was cut off`, {
      file: fileName,
    });
  }
  return error;
}

/**
 * Streams `source` into a new file in `spoolDir`. Throws 415 unsupported_media_type when the
 * first bytes are not an accepted format, and 413 file_too_large as soon as the kind's limit
 * is passed (the source is then destroyed, not read to its end). `cap` stops the stream the
 * same way past `maxBytes` (what a quota still takes), with its own refusal.
 */
export async function spoolUpload(
  source: Readable,
  spoolDir: string,
  fileName: string,
  declaredType: string | undefined,
  cap?: { maxBytes: number; refuse: () => Promise<AppError> },
): Promise<SpooledFile> {
  await mkdir(spoolDir, { recursive: true });
  const path = join(spoolDir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let size = 0;
  let format: DetectedFormat | undefined;

  const decide = async (head: Buffer): Promise<DetectedFormat> => {
    const result = await detectFormat(head, declaredType);
    if (!result.format) throw unsupported(fileName, result.detected, head.length === 0);
    return result.format;
  };

  async function* inspect(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let head: Buffer[] = [];
    let headBytes = 0;
    let wanted: number | undefined;
    for await (const chunk of chunks) {
      size += chunk.length;
      if (cap && size > cap.maxBytes) throw await cap.refuse();
      hash.update(chunk);
      if (format) {
        if (size > MAX_BYTES[format.kind]) throw fileTooLarge(fileName, format.kind);
        yield chunk;
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (wanted === undefined && headBytes >= 10) wanted = sniffBytesWanted(Buffer.concat(head).subarray(0, 10));
      if (wanted === undefined || headBytes < wanted) continue;
      const joined = Buffer.concat(head);
      head = [];
      format = await decide(joined);
      if (size > MAX_BYTES[format.kind]) throw fileTooLarge(fileName, format.kind);
      yield joined;
    }
    if (!format) {
      const joined = Buffer.concat(head);
      format = await decide(joined);
      if (size > MAX_BYTES[format.kind]) throw fileTooLarge(fileName, format.kind);
      yield joined;
    }
  }

  try {
    await pipeline(source, inspect, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    await rm(path, { force: true });
    throw translateStreamError(error, fileName);
  }
  if (!format) throw unsupported(fileName, undefined, true); // unreachable: inspect decides at the end
  return { path, size, sha256: hash.digest('hex'), format };
}

/**
 * Removes spool files older than `maxAgeMs`: what a crash in the middle of an upload left.
 * Safe to run at any time on a live server, as no upload takes that long.
 */
export async function sweepSpool(spoolDir: string, maxAgeMs = 24 * 60 * 60 * 1000): Promise<number> {
  let names: string[];
  try {
    names = await readdir(spoolDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(spoolDir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > maxAgeMs) {
      await rm(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}
