// Administration of API clients (admins): list, create (the key is shown once), revoke.
import Type, { type Static } from 'typebox';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/types.js';
import { auditContextOf } from '../audit/context.js';
import { API_SCOPES, type ApiClient, createApiClient, listApiClients, revokeApiClient } from './service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const ApiClientView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(Type.Enum(API_SCOPES)),
  agency: Nullable(Type.String({ description: 'The code of the agency the client speaks for' })),
  key_prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
  revoked_at: Nullable(DateTime),
  last_used_at: Nullable(DateTime),
  created_at: DateTime,
});
export type ApiClientView = Static<typeof ApiClientView>;

const ApiClientCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.Enum(API_SCOPES), { minItems: 1, maxItems: 3, uniqueItems: true }),
    agency: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  },
  { additionalProperties: false },
);

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function apiClientView(client: ApiClient): ApiClientView {
  return {
    id: client.id,
    name: client.name,
    scopes: client.scopes,
    agency: client.agency_code,
    key_prefix: client.key_prefix,
    revoked_at: iso(client.revoked_at),
    last_used_at: iso(client.last_used_at),
    created_at: client.created_at.toISOString(),
  };
}

const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } };

export async function apiClientRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/admin/api-clients',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'API clients (Open311 and other systems), newest first',
        response: { 200: Type.Object({ items: Type.Array(ApiClientView) }) },
      },
    },
    async () => ({ items: (await listApiClients(db)).map(apiClientView) }),
  );

  app.post(
    '/admin/api-clients',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Create an API client; its key is in this answer only (only a hash is stored)',
        body: ApiClientCreate,
        response: { 201: Type.Object({ client: ApiClientView, api_key: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const { name, scopes, agency } = request.body;
      const { client, key } = await createApiClient(
        db,
        { name, scopes, agencyCode: agency ?? null },
        auditContextOf(request),
      );
      return reply.status(201).send({ client: apiClientView(client), api_key: key });
    },
  );

  app.post(
    '/admin/api-clients/:id/revoke',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Revoke an API client: its key stops working at once',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ApiClientView, ...errors },
      },
    },
    async (request) => apiClientView(await revokeApiClient(db, request.params.id, auditContextOf(request))),
  );
}
