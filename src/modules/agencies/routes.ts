// Public read access to the agencies of the city.
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { Agency, ItemsOf } from '../../shared/reference-data.js';
import { getAgency, listAgencies } from './service.js';

const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } };

export async function agencyRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/agencies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'The agencies that act on reports, by code',
        querystring: Type.Object(
          {
            handles: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'Only agencies taking this agency kind' }),
            ),
            area: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 64,
                description: 'Only agencies that list this area code (not those covering an area above it)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ItemsOf(Agency), 400: errors[400] },
      },
    },
    async (request) => ({ items: await listAgencies(db, request.query) }),
  );

  app.get(
    '/agencies/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'One agency',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => {
      const agency = await getAgency(db, request.params.code);
      if (!agency) throw notFound(`No agency with code ${request.params.code}`, 'agency_not_found');
      return agency;
    },
  );
}
