import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/types.js';
import { listAudit } from './service.js';

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor_id: Type.Union([Type.String(), Type.Null()]),
  actor_role: Type.Union([Type.String(), Type.Null()]),
  actor_label: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  target_type: Type.Union([Type.String(), Type.Null()]),
  target_id: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export async function auditRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'The audit log, newest first',
        querystring: Type.Object(
          {
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'The `next_before` of the previous page' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            action: Type.Optional(
              Type.String({ maxLength: 100, description: 'e.g. auth (every auth.*) or auth.sign_in' }),
            ),
            actor_id: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(AuditEntry), next_before: Type.Union([Type.Integer(), Type.Null()]) }),
        },
      },
    },
    async (request) => {
      const { before, limit, action, actor_id } = request.query;
      const page = await listAudit(db, { before, limit, action, actorId: actor_id });
      return {
        items: page.items.map((row) => ({ ...row, at: row.at.toISOString() })),
        next_before: page.nextBefore,
      };
    },
  );
}
