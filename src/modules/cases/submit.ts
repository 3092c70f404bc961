// The one way a report becomes a case, whoever files it: the app (POST /api/v1/reports), an
// Open311 client (POST /open311/v2/requests) or a sensor (POST /api/v1/detections). Here the
// report is checked against the API's schema and its idempotency key against its rule, triage
// reads it, and intake (intake.ts) checks the place and the category, routes it, decides
// auto-assignment and writes it, in batches, once per key.
import Compile from 'typebox/compile';
import { AppError, badRequest } from '../../platform/errors.js';
import { type Channel, ReportInput } from '../../shared/cases.js';
import { classifyReport, type TriageClassifier, triageTextOf } from '../triage/service.js';
import type { Intake, Submitted } from './intake.js';
import type { Actor } from './timeline.js';

export interface IntakeDeps {
  intake: Intake;
  classifier: TriageClassifier;
}

export interface ReportSubmission {
  /** The report as the API's schema words it; checked again here, whoever sends it. */
  input: unknown;
  reporter: Actor & { userId: string };
  /** The channel the way in sets (open311, sensor); a citizen's own report says app or web itself. */
  channel?: Channel;
  /** Retries with the same key (per reporter) answer the case the first one made. */
  idempotencyKey?: string | null;
  /** sha256 of the request sent with the key: the same key with another request is a 422. */
  requestSha256?: string;
  /** Already stored attachments of the reporter, in the order given. */
  mediaIds?: string[];
  /** What triage reads, when it is not the report's own words (a sensor's category names). */
  triageText?: string;
}

const reportSchema = Compile(ReportInput);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The report as the schema wants it, or a 400 naming every field that is wrong (`where`: its place in the request). */
export function checkReportInput(value: unknown, where = 'body'): ReportInput {
  if (reportSchema.Check(value)) return value;
  const details = [...reportSchema.Errors(value)].map((e) => ({
    path: `${where}${e.instancePath.replaceAll('/', '.')}`,
    message: e.message,
  }));
  const first = details[0];
  throw new AppError(
    400,
    'validation_failed',
    first ? `The report is not valid: ${first.path} ${first.message}` : 'The report is not valid',
    details,
  );
}

/** An Idempotency-Key as sent (absent: none), or a 400. */
export function checkIdempotencyKey(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY.test(raw)) {
    throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 8 to 100 letters, digits or _ . : -');
  }
  return raw;
}

/** Files one report: checked, triaged, then written by intake with the reports that arrive with it. */
export async function submitReport(deps: IntakeDeps, submission: ReportSubmission): Promise<Submitted> {
  const input = checkReportInput(submission.input);
  const idempotencyKey = checkIdempotencyKey(submission.idempotencyKey);
  const triage = await classifyReport(
    deps.classifier,
    submission.triageText ?? triageTextOf(input.title, input.description),
  );
  return deps.intake.submit({
    input: submission.channel ? { ...input, channel: submission.channel } : input,
    reporter: submission.reporter,
    idempotencyKey,
    ...(submission.requestSha256 ? { requestSha256: submission.requestSha256 } : {}),
    mediaIds: submission.mediaIds ?? [],
    triage,
  });
}
