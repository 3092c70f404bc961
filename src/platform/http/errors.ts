// Turns every thrown error into { error: { code, message, details? } } with the right status.
// Unknown errors become a 500 that says nothing of the internals, and are logged in full.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionError } from '../db/connection-errors.js';
import { AppError, databaseUnavailable } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeValidation(error: FastifyError) {
  const issues = (error.validation ?? []) as ValidationIssue[];
  return issues.map((issue) => {
    const base = issue.instancePath ? issue.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
    const extra = issue.params?.additionalProperty ?? issue.params?.missingProperty;
    const path = [error.validationContext, base, extra].filter((part) => part !== undefined && part !== '').join('.');
    return { path, message: issue.message ?? 'is invalid' };
  });
}

/** Fastify's own 4xx errors (bad JSON, body too large, wrong content type) keep their status. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_body',
  FST_FILES_LIMIT: 'too_many_files',
  FST_PARTS_LIMIT: 'too_many_parts',
  FST_FIELDS_LIMIT: 'too_many_fields',
  FST_REQ_FILE_TOO_LARGE: 'file_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'not_multipart',
};

export function registerErrorHandling(app: FastifyInstance): void {
  // A refusal sent before the body was read (no key, a limit, a file too large): close the
  // connection rather than let Node read the rest of the upload to keep it alive.
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode >= 400 && request.raw.complete === false) reply.header('connection', 'close');
  });
  app.setErrorHandler((thrown: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // a lost database connection that no driver turned into a 503 yet is one all the same
    const error = !(thrown instanceof AppError) && isConnectionError(thrown) ? databaseUnavailable(thrown) : thrown;
    // A refused upload may still be streaming in: close rather than read the rest of it.
    if ((error instanceof AppError ? error.status : error.statusCode) === 413) reply.header('connection', 'close');
    if (error instanceof AppError) {
      if (error.status === 429 || error.status === 503) {
        const details = error.details as { retry_after_seconds?: number } | undefined;
        reply.header('retry-after', String(details?.retry_after_seconds ?? 60));
      }
      // the database restarting is expected weather, not a bug: a warning, with its cause
      if (error.status === 503) request.log.warn({ err: error.cause ?? error }, error.message);
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      });
    }
    if (error.validation) {
      return reply.status(400).send({
        error: { code: 'validation_failed', message: 'The request is not valid', details: describeValidation(error) },
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (error.code === 'SyntaxError' || /JSON/.test(error.message)) {
        return reply.status(400).send({ error: { code: 'invalid_json', message: 'The body is not valid JSON' } });
      }
      return reply.status(status).send({
        error: { code: FASTIFY_CODES[error.code] ?? 'bad_request', message: error.message },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}
