import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import Type from 'typebox';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import { forbidden, unauthorized } from '../errors.js';
import type { App } from './types.js';

const Status = Type.Object({ status: Type.String() });

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read /metrics: with METRICS_TOKEN, whoever sends it as a bearer token (Prometheus's
 * `authorization` setting); without it, anyone in development and no one in production, where
 * the figures (routes, pool use, memory) help an attacker more than nobody.
 */
export function metricsGate(config: Pick<Config, 'nodeEnv' | 'metricsToken'>) {
  const expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  return async (request: FastifyRequest) => {
    if (expected === undefined) {
      if (config.nodeEnv === 'production') {
        throw forbidden('Metrics are closed in production until METRICS_TOKEN is set', 'metrics_closed');
      }
      return;
    }
    const sent = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    // compared as digests: equal lengths, and no timing to learn the token from
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      throw unauthorized('Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"', 'metrics_token_required');
    }
  };
}

export async function healthRoutes(
  app: App,
  { db, metrics, config }: { db: Database; metrics: Registry; config: Pick<Config, 'nodeEnv' | 'metricsToken'> },
) {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'The process is up', response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'The database answers (503 with Retry-After until a connection can be made)',
        response: { 200: Status, 503: Type.Object({ status: Type.String(), error: Type.String() }) },
      },
    },
    async (request, reply) => {
      try {
        await db.query('SELECT 1');
        return { status: 'ready' };
      } catch (error) {
        // a load balancer sends no traffic here until a connection can be made again
        request.log.warn({ err: error }, 'database not reachable');
        return reply
          .status(503)
          .header('retry-after', '5')
          .send({ status: 'not_ready', error: 'database unreachable' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Prometheus metrics',
        description: 'Open in development; in production only with the bearer token METRICS_TOKEN.',
        produces: ['text/plain'],
      },
      preHandler: metricsGate(config),
    },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
}
