import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/types.js';
import { listInbox, markRead } from './inbox.js';

const Item = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title_vi: Type.String(),
  title_en: Type.String(),
  case_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'The case it concerns, if any' }),
  case_code: Type.Union([Type.String(), Type.Null()]),
  read: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});

export async function notificationRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/me/notifications',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['notifications'],
        summary: 'Your inbox, newest first, with the unread count',
        querystring: Type.Object(
          {
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
            unread: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Item),
            unread: Type.Integer(),
            next_before: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const { before, limit, unread } = request.query;
      const page = await listInbox(db, principalOf(request).userId, { before, limit, unreadOnly: unread });
      return {
        items: page.items.map((item) => ({ ...item, created_at: item.created_at.toISOString() })),
        unread: page.unread,
        next_before: page.nextBefore,
      };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: the given ids, or all of them',
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 })),
            all: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (request) => {
      const { ids, all } = request.body;
      const marked = await markRead(db, principalOf(request).userId, all ? 'all' : (ids ?? []));
      return { marked };
    },
  );
}
