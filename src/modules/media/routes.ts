// Serves stored media: the public copy and thumbnail of a photo once it is public, and the
// original to staff. Streams from storage, with ranges (video seeking) and ETags.
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import type { Role } from '../../shared/roles.js';
import { getMedia, type MediaRow } from './service.js';
import type { ByteRange, MediaStorage } from './storage/index.js';

// Agency staff read originals through their cases (/cases/:id/media/:mediaId), which checks the agency.
const ORIGINAL_READERS: readonly Role[] = ['operator', 'admin'];

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const binary = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: Type.String({ format: 'binary' }) } },
});
const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } };

const mediaNotFound = (id: string) => notFound(`No media ${id} to show here`, 'media_not_found');

/** One "bytes=a-b", "bytes=a-" or "bytes=-n" range; null when absent or several (then the whole file). */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

interface ServeOptions {
  contentType: string;
  etag: string;
  cacheControl: string;
  headers?: Record<string, string>;
}

async function serveObject(
  storage: MediaStorage,
  key: string,
  request: FastifyRequest,
  reply: FastifyReply,
  options: ServeOptions,
) {
  // Only on answers about the object itself: a 404 must never be cached for a year.
  const describe = () => {
    reply.header('etag', options.etag);
    reply.header('cache-control', options.cacheControl);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('accept-ranges', 'bytes');
    for (const [name, value] of Object.entries(options.headers ?? {})) reply.header(name, value);
  };

  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => [options.etag, '*'].includes(tag.trim()))) {
    describe();
    return reply.code(304).send();
  }

  let range: ByteRange | null = null;
  const ifRange = request.headers['if-range'];
  if (request.headers.range && (ifRange === undefined || ifRange === options.etag)) {
    const info = await storage.stat(key);
    if (!info) return null;
    const parsed = parseRange(request.headers.range, info.size);
    if (parsed === 'unsatisfiable') {
      reply.header('content-range', `bytes */${info.size}`);
      throw new AppError(416, 'range_not_satisfiable', `The file has ${info.size} bytes`);
    }
    range = parsed;
  }

  const object = await storage.get(key, range ?? undefined);
  if (!object) return null;
  describe();
  reply.type(options.contentType);
  if (range) {
    reply.code(206);
    reply.header('content-range', `bytes ${range.start}-${range.end}/${object.size}`);
    reply.header('content-length', String(range.end - range.start + 1));
  } else {
    reply.header('content-length', String(object.size));
  }
  return reply.send(object.body);
}

/** RFC 6266: an ASCII fallback and the exact name in UTF-8, so "Ảnh đường Lê Lợi.jpg" survives. */
export function attachment(name: string): string {
  const ascii =
    name
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D') // the one Vietnamese letter that does not decompose
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'media';
  // RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * as they are
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/**
 * Streams a media file exactly as received, for a route that has already decided the caller
 * may see it (staff here; a case's own route for its citizens): as an attachment, with
 * nosniff and a sandboxing CSP, since the bytes are only known to start like their format.
 */
export async function serveOriginal(
  storage: MediaStorage,
  media: Pick<MediaRow, 'id' | 'sha256' | 'mime' | 'original_key' | 'original_name'>,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const sent = await serveObject(storage, media.original_key, request, reply, {
    contentType: media.mime,
    etag: `"${media.sha256}"`,
    // Not for shared caches; the browser revalidates by ETag.
    cacheControl: 'private, no-cache',
    headers: {
      'content-disposition': attachment(media.original_name),
      'content-security-policy': "sandbox; default-src 'none'",
    },
  });
  if (sent === null) throw mediaNotFound(media.id);
  return sent;
}

/**
 * A photo's copy without metadata, in place of its original for someone who may see the photo
 * but not who took it (agency staff, for an anonymous report). Never cached by others.
 */
export async function serveStrippedCopy(
  storage: MediaStorage,
  media: Pick<MediaRow, 'id' | 'sha256' | 'public_key'>,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (!media.public_key) throw mediaNotFound(media.id);
  const sent = await serveObject(storage, media.public_key, request, reply, {
    contentType: 'image/webp',
    etag: `"${media.sha256}.public"`,
    cacheControl: 'private, no-cache',
  });
  if (sent === null) throw mediaNotFound(media.id);
  return sent;
}

export async function mediaRoutes(app: App, { db, storage }: { db: Database; storage: MediaStorage }) {
  const publicImage = async (id: string): Promise<MediaRow & { public_key: string; thumbnail_key: string }> => {
    const media = await getMedia(db, id);
    // Not public and not there answer alike, so ids of unpublished reports reveal nothing.
    if (!media?.public || media.kind !== 'image' || !media.public_key || !media.thumbnail_key) {
      throw mediaNotFound(id);
    }
    return { ...media, public_key: media.public_key, thumbnail_key: media.thumbnail_key };
  };
  // Content-addressed and never rewritten: a copy may be cached for good.
  const IMMUTABLE = 'public, max-age=31536000, immutable';

  app.get(
    '/media/:id/public',
    {
      config: { access: 'public' },
      schema: {
        tags: ['media'],
        summary: 'The public copy of a published photo: re-encoded as WebP, without EXIF or GPS',
        params: Params,
        response: { 200: binary('image/webp', 'The photo'), ...errors },
      },
    },
    async (request, reply) => {
      const media = await publicImage(request.params.id);
      const sent = await serveObject(storage, media.public_key, request, reply, {
        contentType: 'image/webp',
        etag: `"${media.sha256}.public"`,
        cacheControl: IMMUTABLE,
      });
      if (sent === null) throw mediaNotFound(request.params.id);
      return sent;
    },
  );

  app.get(
    '/media/:id/thumbnail',
    {
      config: { access: 'public' },
      schema: {
        tags: ['media'],
        summary: 'A 320 px thumbnail of a published photo, without metadata',
        params: Params,
        response: { 200: binary('image/webp', 'The thumbnail'), ...errors },
      },
    },
    async (request, reply) => {
      const media = await publicImage(request.params.id);
      const sent = await serveObject(storage, media.thumbnail_key, request, reply, {
        contentType: 'image/webp',
        etag: `"${media.sha256}.thumb"`,
        cacheControl: IMMUTABLE,
      });
      if (sent === null) throw mediaNotFound(request.params.id);
      return sent;
    },
  );

  app.get(
    '/media/:id/original',
    {
      config: { access: ORIGINAL_READERS },
      schema: {
        tags: ['media'],
        summary: 'The file exactly as received, with its metadata (staff only)',
        description:
          'Served as an attachment, with nosniff and a sandboxing CSP: the bytes are only known to start like the format named.',
        params: Params,
        response: {
          200: binary('application/octet-stream', 'The original file, with the content type read from its bytes'),
          206: binary('application/octet-stream', 'The part of the file asked for with Range'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const media = await getMedia(db, request.params.id);
      if (!media) throw mediaNotFound(request.params.id);
      return serveOriginal(storage, media, request, reply);
    },
  );
}
