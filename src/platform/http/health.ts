import type { Registry } from 'prom-client';
import Type from 'typebox';
import type { Database } from '../db/index.js';
import type { App } from './types.js';

const Status = Type.Object({ status: Type.String() });

export async function healthRoutes(app: App, { db, metrics }: { db: Database; metrics: Registry }) {
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
        summary: 'The database answers',
        response: { 200: Status, 503: Type.Object({ status: Type.String(), error: Type.String() }) },
      },
    },
    async (request, reply) => {
      try {
        await db.query('SELECT 1');
        return { status: 'ready' };
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        return reply.status(503).send({ status: 'not_ready', error: 'database unreachable' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'Prometheus metrics', produces: ['text/plain'] },
    },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
}
