// The OpenAPI 3 document is generated from the route schemas; nothing is written by hand.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CityPulse API',
        version: '1',
        description:
          'Citizen reports, city reference data and accounts. Errors are { "error": { "code", "message", "details"? } }.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A token from sign-in or `npm run cli -- token`' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'citypulse_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
