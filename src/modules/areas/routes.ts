// Public read access to the city's administrative areas.
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { Area, AreaDetail, AreaLookup, ItemsOf } from '../../shared/reference-data.js';
import { getArea, listAreas, lookupArea } from './service.js';

const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } };
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export async function areaRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/areas',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'The administrative areas of the city (city, wards, communes), shallowest first',
        querystring: Type.Object(
          {
            geometry: Type.Boolean({ default: false, description: 'Add each GeoJSON boundary' }),
            parent: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'Only children of this area' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ItemsOf(Area), 400: errors[400] },
      },
    },
    async (request) => ({ items: await listAreas(db, request.query) }),
  );

  // Registered before /areas/:code in intent; the router prefers the static path anyway.
  app.get(
    '/areas/lookup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'The smallest area containing a point, with its ancestors (404 outside_city)',
        querystring: Type.Object(
          {
            lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, WGS 84' }),
            lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, WGS 84' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: AreaLookup, ...errors },
      },
    },
    async (request) => {
      const found = await lookupArea(db, request.query.lat, request.query.lon);
      if (!found) throw notFound('The point is not inside any area of the city', 'outside_city');
      return found;
    },
  );

  app.get(
    '/areas/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'One area with its boundary and its ancestors',
        params: CodeParams,
        response: { 200: AreaDetail, ...errors },
      },
    },
    async (request) => {
      const area = await getArea(db, request.params.code);
      if (!area) throw notFound(`No area with code ${request.params.code}`, 'area_not_found');
      return area;
    },
  );
}
