// POST /reports: a report in JSON, or in multipart with the same field names and each
// attachment a part named "files". A retried submission with the same Idempotency-Key
// answers the case it created the first time and creates nothing new; the same key with a
// different report is a 422.
import { createHash } from 'node:crypto';
import type {} from '@fastify/multipart'; // request.isMultipart()
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { badRequest } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { CitizenCase, ReportInput } from '../../../shared/cases.js';
import { classifyReport, type TriageClassifier, triageTextOf } from '../../triage/service.js';
import type { Intake, Submitted } from '../intake.js';
import { citizenView, mediaOf } from '../views.js';
import type { ReportUploads } from './uploads.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY.test(raw)) {
    throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 8 to 100 letters, digits or _ . : -');
  }
  return raw;
}

/**
 * What a key is kept with: the report's fields in a fixed order and each attachment by the hash
 * of its bytes, so that the same report sent as JSON or as a form, again, has the same print.
 */
async function requestSha256(db: Database, input: ReportInput, mediaIds: string[]): Promise<string> {
  const fields = Object.fromEntries(Object.entries(input).sort(([a], [b]) => (a < b ? -1 : 1)));
  const { rows } = mediaIds.length
    ? await db.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM media WHERE id = ANY($1)', [mediaIds])
    : { rows: [] };
  const files = mediaIds.map((id) => rows.find((row) => row.id === id)?.sha256 ?? id);
  return createHash('sha256').update(JSON.stringify({ fields, files })).digest('hex');
}

export async function intakeRoutes(
  app: App,
  {
    db,
    intake,
    uploads,
    classifier,
  }: { db: Database; intake: Intake; uploads: ReportUploads; classifier: TriageClassifier },
) {
  app.post(
    '/reports',
    {
      config: { access: ['citizen', 'operator', 'admin'] },
      schema: {
        tags: ['reports'],
        summary: 'Report a problem (JSON, or multipart/form-data with the same fields and attachments as "files")',
        description:
          'Photos (JPEG, PNG, WebP, HEIC), video (MP4, WebM, QuickTime, up to 100 MB) and audio (M4A, MP3, Ogg, WebM, up to 20 MB), at most 10. The type is read from the bytes. Send an Idempotency-Key header to make retries safe: the same report again answers the case it made (header Idempotent-Replayed), the same key with a different report is a 422 idempotency_key_reused. The channel is app (default) or web, the citizen front end that sent it; every other channel is set by the server by the way a report comes in (open311, sensor) and refused here.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100 })) }),
        // JSON is validated here; multipart fields are checked against the same schema as they are read
        body: { content: { 'application/json': { schema: ReportInput } } },
        response: {
          201: CitizenCase,
          400: { $ref: 'ErrorBody#' },
          413: { $ref: 'ErrorBody#' },
          415: { $ref: 'ErrorBody#' },
          422: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = idempotencyKeyOf(request);
      const parsed = request.isMultipart()
        ? await uploads.read(request, principal.userId)
        : { input: request.body as ReportInput, mediaIds: [], suggestion: null };
      let result: Submitted;
      try {
        const { input } = parsed;
        const triage = await classifyReport(classifier, triageTextOf(input.title, input.description));
        result = await intake.submit({
          input,
          reporter: { userId: principal.userId, role: principal.role },
          idempotencyKey: key,
          ...(key ? { requestSha256: await requestSha256(db, input, parsed.mediaIds) } : {}),
          mediaIds: parsed.mediaIds,
          triage,
        });
      } catch (error) {
        await uploads.discard(parsed.mediaIds);
        throw error;
      }
      if (!result.created) {
        await uploads.discard(parsed.mediaIds);
        reply.header('idempotent-replayed', 'true');
      }
      // a report without files is answered from what was written, without reading it back
      const media = parsed.mediaIds.length > 0 || !result.created ? await mediaOf(db, [result.case.id]) : [];
      return reply
        .status(201)
        .send(Object.assign(citizenView(result.case, media), { exif_suggestion: parsed.suggestion }));
    },
  );
}
