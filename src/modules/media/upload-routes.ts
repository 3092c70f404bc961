// POST /media: attachments uploaded ahead of the action that uses them (a citizen's reply,
// an agency's proof of resolution). They stay private to their uploader until attached.
import type {} from '@fastify/multipart'; // request.parts()
import Type from 'typebox';
import type { IntakeLimits } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/types.js';
import { ROLES } from '../../shared/roles.js';
import { MAX_FILES_PER_REPORT } from './formats.js';
import { limitUploadRequests, uploadOptionsFor } from './limits.js';
import { StoredMedia } from './schemas.js';
import { discardMedia, receiveUpload } from './service.js';
import type { MediaStorage } from './storage/index.js';

export async function mediaUploadRoutes(
  app: App,
  { db, storage, limits }: { db: Database; storage: MediaStorage; limits: IntakeLimits },
) {
  app.post(
    '/media',
    {
      config: { access: ROLES },
      schema: {
        tags: ['media'],
        summary: 'Upload attachments (multipart, parts named "files") to give by id to a reply or a resolution',
        response: {
          201: Type.Object({ items: Type.Array(StoredMedia) }),
          400: { $ref: 'ErrorBody#' },
          413: { $ref: 'ErrorBody#' },
          415: { $ref: 'ErrorBody#' },
          422: { $ref: 'ErrorBody#' },
          429: { $ref: 'ErrorBody#' },
        },
      },
      // counted before a byte of the files is read
      onRequest: async (request) => limitUploadRequests(db, limits, principalOf(request), request.ip),
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw badRequest('not_multipart', 'Send the files as multipart/form-data');
      const options = uploadOptionsFor(limits, principalOf(request));
      const stored: StoredMedia[] = [];
      try {
        for await (const part of request.parts()) {
          if (part.type !== 'file' || part.fieldname !== 'files') {
            throw badRequest('unexpected_part', 'Only files, in parts named "files", are taken here');
          }
          if (stored.length >= MAX_FILES_PER_REPORT)
            throw badRequest('too_many_files', `At most ${MAX_FILES_PER_REPORT} files at once`);
          stored.push(
            await receiveUpload(
              db,
              storage,
              { file: part.file, filename: part.filename, mimetype: part.mimetype },
              options,
            ),
          );
        }
      } catch (error) {
        await discardMedia(
          db,
          storage,
          stored.map((media) => media.id),
        );
        throw error;
      }
      if (stored.length === 0) throw badRequest('no_files', 'No file was sent');
      return reply.status(201).send({ items: stored });
    },
  );
}
