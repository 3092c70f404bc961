// Administration of routing overrides (admins): where the city sends a category's reports
// in an area regardless of the routing rule.
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/types.js';
import { Code, RoutingOverride, RoutingOverrideCreate, RoutingOverrideUpdate } from '../../shared/admin.js';
import { auditContextOf } from '../audit/context.js';
import { createOverride, deleteOverride, listOverrides, updateOverride } from './overrides.js';

const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } };
const OverrideId = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export async function routingRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/admin/routing-overrides',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Routing overrides, by category then from the widest area to the narrowest',
        querystring: Type.Object(
          { category: Type.Optional(Code), area: Type.Optional(Code), agency: Type.Optional(Code) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(RoutingOverride) }), 400: errors[400] },
      },
    },
    async (request) => ({ items: await listOverrides(db, request.query) }),
  );

  app.post(
    '/admin/routing-overrides',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: "Send a category's reports inside an area (and the areas below it) to an agency",
        description: 'Routing consults overrides before its rule; the narrowest area holding the location wins.',
        body: RoutingOverrideCreate,
        response: { 201: RoutingOverride, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createOverride(db, request.body, auditContextOf(request))),
  );

  app.patch(
    '/admin/routing-overrides/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: "Change an override's agency or note",
        params: OverrideId,
        body: RoutingOverrideUpdate,
        response: { 200: RoutingOverride, ...errors },
      },
    },
    async (request) => updateOverride(db, request.params.id, request.body, auditContextOf(request)),
  );

  app.delete(
    '/admin/routing-overrides/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Remove an override: the routing rule applies again',
        params: OverrideId,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteOverride(db, request.params.id, auditContextOf(request));
      return reply.status(204).send(null);
    },
  );
}
