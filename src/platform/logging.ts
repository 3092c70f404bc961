// Structured JSON logs. Secrets and personal data are redacted here, once, for every logger.
import type { IncomingMessage } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { LogLevel } from './config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.current_password',
  '*.new_password',
  '*.token',
  '*.phone',
  '*.email',
];

/** Query parameters that carry a credential (Open311 clients send api_key in the URL). */
const SECRET_QUERY_PARAMETERS = /([?&](?:api_key|apikey|key|token|access_token|secret|password)=)[^&#]*/gi;

/** The URL as it may be logged: credentials in the query string replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]');
}

/** What Fastify logs of a request by default, with the URL's credentials redacted. */
function requestSerializer(request: IncomingMessage & { ip?: string; hostname?: string }) {
  return {
    method: request.method,
    url: redactUrl(request.url ?? ''),
    host: request.hostname ?? request.headers?.host,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  };
}

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
  };
}

/** +84905123456 -> +84******456: enough for a person to tell their own number, not to dial it. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '***';
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}
