// Domain errors carry a stable code and an HTTP status; the HTTP layer turns them into
// { error: { code, message, details? } } in one place (platform/http/errors.ts).

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = 'Sign in to continue', code = 'unauthenticated') =>
  new AppError(401, code, message);
export const forbidden = (message = 'You may not do this', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (message: string, code = 'not_found') => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message, { retry_after_seconds: retryAfterSeconds });

/**
 * A problem the operator fixes outside the code (a changed migration file, a database in use,
 * a wrong command line): its message says everything, so the server and the CLI print it as
 * one line without a stack trace.
 */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorError';
  }
}

/** The database could not be reached (restarting, shutting down, refused): try again shortly. */
export const databaseUnavailable = (cause: unknown, retryAfterSeconds = 5): AppError => {
  const error = new AppError(
    503,
    'database_unavailable',
    'The database cannot be reached right now; try again in a few seconds',
    { retry_after_seconds: retryAfterSeconds },
  );
  error.cause = cause;
  return error;
};
