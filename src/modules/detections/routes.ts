// POST /detections: sensors and cameras report what they detect with an API key (report scope),
// in `Authorization: Bearer <key>` or `X-Api-Key`. Repeats fold into the client's open case.
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { forbidden } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { type ApiClient, limitApiClient, verifyApiKey } from '../api-clients/service.js';
import type { Intake } from '../cases/intake.js';
import type { TriageClassifier } from '../triage/service.js';
import { submitDetection } from './service.js';

export interface DetectionRouteOptions {
  db: Database;
  intake: Intake;
  classifier: TriageClassifier;
}

const DetectionInput = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 64, description: 'A category code' }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    image_url: Type.Optional(Type.String({ maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' })),
    observed_at: Type.Optional(Type.String({ format: 'date-time' })),
    device_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** The key of `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
function apiKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const authorization = request.headers.authorization;
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1] ?? null;
}

async function reportingClient(db: Database, request: FastifyRequest): Promise<ApiClient> {
  const key = apiKeyOf(request);
  if (!key) throw forbidden('An API key is required (Authorization: Bearer <key> or X-Api-Key)', 'api_key_required');
  const client = await verifyApiKey(db, key);
  if (!client) throw forbidden('This API key is not valid', 'invalid_api_key');
  if (!client.scopes.includes('report')) throw forbidden('This API key needs the report scope', 'missing_scope');
  await limitApiClient(db, client);
  return client;
}

export async function detectionRoutes(app: App, { db, intake, classifier }: DetectionRouteOptions) {
  // the key is checked before the body is read: a caller without one gets a 403 at once,
  // learns nothing from validation and costs no parsing
  const clients = new WeakMap<FastifyRequest, ApiClient>();
  app.post(
    '/detections',
    {
      // the API key is checked by the handler: API clients are not signed-in users
      config: { access: 'public' },
      schema: {
        tags: ['detections'],
        summary:
          'A sensor or camera detection (API key with the report scope): a repeat near the open case it made folds into it',
        body: DetectionInput,
        response: {
          200: Type.Object({ case_code: Type.String(), folded: Type.Literal(true) }),
          201: Type.Object({ case_code: Type.String(), folded: Type.Literal(false) }),
          400: { $ref: 'ErrorBody#' },
          403: { $ref: 'ErrorBody#' },
          422: { $ref: 'ErrorBody#' },
          429: { $ref: 'ErrorBody#' },
        },
      },
      onRequest: async (request) => {
        clients.set(request, await reportingClient(db, request));
      },
    },
    async (request, reply) => {
      const client = clients.get(request) ?? (await reportingClient(db, request));
      const result = await submitDetection({ db, intake, classifier }, client, request.body);
      return result.folded
        ? reply.status(200).send({ case_code: result.case_code, folded: true })
        : reply.status(201).send({ case_code: result.case_code, folded: false });
    },
  );
}
