import type { FastifyRequest } from 'fastify';
import type { AuditContext } from './service.js';

/** Who and from where, as the audit log records it, taken from the request. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    actor: request.principal,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
  };
}
