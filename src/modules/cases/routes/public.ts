// Public data: the map of reports and one report's public timeline. No person, and phone
// numbers, ID numbers, e-mails, plates and the reporter's own name and phone masked in every text.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { badRequest, notFound } from '../../../platform/errors.js';
import type { App } from '../../../platform/http/types.js';
import { CaseStateSchema, MediaRef, PublicCase } from '../../../shared/cases.js';
import { reporterIdentities } from '../privacy.js';
import { listCases } from '../queue.js';
import { loadCase, mediaOf, publicView, timelineOf } from '../views.js';

const Feature = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Object({
    type: Type.Literal('Point'),
    coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  }),
  properties: Type.Object({
    code: Type.String(),
    state: Type.String(),
    category: Type.Union([Type.String(), Type.Null()]),
    priority: Type.String(),
    title: Type.Union([Type.String(), Type.Null()]),
    description: Type.String(),
    area: Type.Union([Type.String(), Type.Null()]),
    agency: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    resolved_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    media: Type.Array(MediaRef),
  }),
});

function parseBbox(raw: string): [number, number, number, number] {
  const parts = raw.split(',').map(Number);
  const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
  const valid =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!valid) throw badRequest('invalid_bbox', 'bbox must be minLon,minLat,maxLon,maxLat with min below max');
  return [minLon, minLat, maxLon, maxLat];
}

export async function publicCaseRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/public/reports',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Reports on the map, as a GeoJSON FeatureCollection (no personal data), newest first',
        querystring: Type.Object(
          {
            bbox: Type.Optional(Type.String({ maxLength: 100, description: 'minLon,minLat,maxLon,maxLat' })),
            category: Type.Optional(Type.String({ maxLength: 64 })),
            state: Type.Optional(Type.Array(CaseStateSchema)),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 200 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            type: Type.Literal('FeatureCollection'),
            features: Type.Array(Feature),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          400: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (request) => {
      const { bbox, category, state, from, to, cursor, limit } = request.query;
      const page = await listCases(db, null, {
        bbox: bbox ? parseBbox(bbox) : undefined,
        category,
        state: state?.filter((s) => s !== 'rejected'),
        createdFrom: from,
        createdTo: to,
        publicOnly: true,
        cursor,
        limit,
        sort: 'newest',
      });
      const reporters = await reporterIdentities(
        db,
        page.items.map((row) => row.id),
      );
      return {
        type: 'FeatureCollection' as const,
        features: page.items.map((row) => {
          const view = publicView(row, row.media, reporters.get(row.id));
          return {
            type: 'Feature' as const,
            geometry: { type: 'Point' as const, coordinates: [row.lon, row.lat] },
            properties: {
              code: view.code,
              state: view.state,
              category: view.category,
              priority: view.priority,
              title: view.title,
              description: view.description,
              area: view.area?.code ?? null,
              agency: view.agency?.code ?? null,
              created_at: view.created_at,
              resolved_at: view.resolved_at,
              media: view.media,
            },
          };
        }),
        next: page.next,
      };
    },
  );

  app.get(
    '/public/reports/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'One report with its public timeline',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: PublicCase, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const row = await loadCase(db, `c.code = upper($1) AND c.state <> 'rejected'`, [request.params.code]);
      if (!row) throw notFound('There is no such report', 'case_not_found');
      const reporters = (await reporterIdentities(db, [row.id])).get(row.id);
      return {
        ...publicView(row, await mediaOf(db, [row.id]), reporters),
        timeline: await timelineOf(db, row.id, 'public'),
      };
    },
  );
}
