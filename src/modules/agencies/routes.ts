// The agencies of the city: read by anyone, created and changed by administrators.
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { AgencyCreate, AgencyUpdate } from '../../shared/admin.js';
import { Agency, ItemsOf } from '../../shared/reference-data.js';
import { auditContextOf } from '../audit/context.js';
import { createAgency, updateAgency } from './changes.js';
import { getAgency, listAgencies } from './service.js';

const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } };
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

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
        params: CodeParams,
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => {
      const agency = await getAgency(db, request.params.code);
      if (!agency) throw notFound(`No agency with code ${request.params.code}`, 'agency_not_found');
      return agency;
    },
  );

  app.post(
    '/agencies',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Create an agency with the kinds of report it takes and the areas it covers',
        body: AgencyCreate,
        response: { 201: Agency, ...errors, 409: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => reply.status(201).send(await createAgency(db, request.body, auditContextOf(request))),
  );

  app.patch(
    '/agencies/:code',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary:
          'Change an agency: names, kinds handled, areas covered (the list replaces the old one), parent, active',
        description: 'A deactivated agency keeps its cases and accounts; routing no longer sends it new ones.',
        params: CodeParams,
        body: AgencyUpdate,
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => updateAgency(db, request.params.code, request.body, auditContextOf(request)),
  );
}
