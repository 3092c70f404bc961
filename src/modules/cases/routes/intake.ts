// POST /reports: a report in JSON, or in multipart with the same field names and each
// attachment a part named "files". A retried submission with the same Idempotency-Key
// answers the case it created the first time and creates nothing new.
import type {} from '@fastify/multipart'; // request.isMultipart()
import Type from 'typebox';
import type { IntakeLimits } from '../../../platform/config.js';
import type { Database } from '../../../platform/db/index.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { CitizenCase, ReportInput } from '../../../shared/cases.js';
import { checkReportAttributes } from '../../categories/attributes.js';
import type { TriageClassifier } from '../../triage/service.js';
import type { Intake, Submitted } from '../intake.js';
import { limitReports } from '../report-limits.js';
import { checkIdempotencyKey, submitReport } from '../submit.js';
import { citizenView, mediaOf } from '../views.js';
import type { ReportUploads } from './uploads.js';

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
          'Photos (JPEG, PNG, WebP, HEIC), video (MP4, WebM, QuickTime, up to 100 MB) and audio (M4A, MP3, Ogg, WebM, up to 20 MB), at most 10. The type is read from the bytes. Send an Idempotency-Key header to make retries safe.',
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
        result = await submitReport(
          { intake, classifier },
          {
            input: await checkReportAttributes(db, parsed.input),
            reporter: { userId: principal.userId, role: principal.role },
            idempotencyKey: key,
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
