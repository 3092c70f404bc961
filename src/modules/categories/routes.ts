// The categories of citizen reports: read by anyone, changed by administrators.
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { CategoryUpdate } from '../../shared/admin.js';
import { Category, ItemsOf } from '../../shared/reference-data.js';
import { auditContextOf } from '../audit/context.js';
import { updateCategory } from './changes.js';
import { getCategory, listCategories } from './service.js';

export async function categoryRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/categories',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'The categories of citizen reports, in the order to offer them',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: ItemsOf(Category), 400: { $ref: 'ErrorBody#' } },
      },
    },
    async () => ({ items: await listCategories(db) }),
  );

  app.get(
    '/categories/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'One category of citizen report',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Category, 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const category = await getCategory(db, request.params.code);
      if (!category) throw notFound(`No category with code ${request.params.code}`, 'category_not_found');
      return category;
    },
  );

  app.patch(
    '/categories/:code',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Change a category: names, examples, agency kind, SLA hours, default priority, active',
        description: 'A new SLA applies to cases assigned from now on. An inactive category is no longer offered.',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        body: CategoryUpdate,
        response: { 200: Category, 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => updateCategory(db, request.params.code, request.body, auditContextOf(request)),
  );
}
