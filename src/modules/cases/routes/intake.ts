// POST /reports: a report in JSON, or in multipart with the same field names and each
// attachment a part named "files". A retried submission with the same Idempotency-Key
// answers the case it created the first time and creates nothing new; the same key with a
// different report is a 422.
import { createHash } from 'node:crypto';
import type {} from '@fastify/multipart'; // request.isMultipart()
import Type from 'typebox';
import type { IntakeLimits } from '../../../platform/config.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { type Channel, CITIZEN_CHANNELS, CitizenCase, ReportInput } from '../../../shared/cases.js';
import type { Role } from '../../../shared/roles.js';
import { checkReportAttributes } from '../../categories/attributes.js';
import type { TriageClassifier } from '../../triage/service.js';
import type { Intake, Submitted } from '../intake.js';
import { limitReports } from '../report-limits.js';
import { checkIdempotencyKey, submitReport } from '../submit.js';
import { citizenView, mediaOf } from '../views.js';
import type { ReportUploads } from './uploads.js';

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

/** A citizen's report comes by a citizen front end; hotline is for the operations center's calls. */
function assertChannelOf(role: Role, channel: Channel | undefined): void {
  if (channel === undefined || role !== 'citizen' || CITIZEN_CHANNELS.includes(channel)) return;
  throw new AppError(400, 'validation_failed', `A citizen's report comes by app or web, not ${channel}`, [
    { path: 'body.channel', message: `must be one of ${CITIZEN_CHANNELS.join(', ')}` },
  ]);
}

export async function intakeRoutes(
  app: App,
  {
    db,
    intake,
    uploads,
    classifier,
    limits,
  }: { db: Database; intake: Intake; uploads: ReportUploads; classifier: TriageClassifier; limits: IntakeLimits },
) {
  app.post(
    '/reports',
    {
      config: { access: ['citizen', 'operator', 'admin'] },
      schema: {
        tags: ['reports'],
        summary: 'Report a problem (JSON, or multipart/form-data with the same fields and attachments as "files")',
        description:
          'Photos (JPEG, PNG, WebP, HEIC), video (MP4, WebM, QuickTime, up to 100 MB) and audio (M4A, MP3, Ogg, WebM, up to 20 MB), at most 10. The type is read from the bytes. Send an Idempotency-Key header to make retries safe: the same report again answers the case it made (header Idempotent-Replayed), the same key with a different report is a 422 idempotency_key_reused. The channel is app (default) or web, the citizen front end that sent it, or hotline for a call the operations center takes (operators and admins); every other channel is set by the server by the way a report comes in (open311, sensor) and refused here.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100 })) }),
        // JSON is validated here; multipart fields are checked against the same schema as they are read
        body: { content: { 'application/json': { schema: ReportInput } } },
        response: {
          201: CitizenCase,
          400: { $ref: 'ErrorBody#' },
          413: { $ref: 'ErrorBody#' },
          415: { $ref: 'ErrorBody#' },
          422: { $ref: 'ErrorBody#' },
          429: { $ref: 'ErrorBody#' },
        },
      },
      // counted before the report (and any file in it) is read
      onRequest: async (request) => limitReports(db, limits, principalOf(request), request.ip),
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = checkIdempotencyKey(request.headers['idempotency-key']);
      const parsed = request.isMultipart()
        ? await uploads.read(request, principal)
        : { input: request.body as ReportInput, mediaIds: [], suggestion: null };
      let result: Submitted;
      try {
        assertChannelOf(principal.role, parsed.input.channel);
        result = await submitReport(
          { intake, classifier },
          {
            input: await checkReportAttributes(db, parsed.input),
            reporter: { userId: principal.userId, role: principal.role },
            idempotencyKey: key,
            ...(key ? { requestSha256: await requestSha256(db, parsed.input, parsed.mediaIds) } : {}),
            mediaIds: parsed.mediaIds,
          },
        );
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
