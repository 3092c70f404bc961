// Duplicates over HTTP: the merge candidates of a case for staff, and "I have this problem too"
// for citizens, who then follow the open report instead of filing it again.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { STAFF_ROLES } from '../../../shared/roles.js';
import { SimilarCaseSchema, similarView } from '../../triage/schemas.js';
import { findDuplicatesOfCase, supportCase } from '../duplicates.js';

const errors = {
  400: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  409: { $ref: 'ErrorBody#' },
};

export async function duplicateRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/cases/:id/duplicates',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['cases'],
        summary: 'Open cases that may be duplicates of this one (merge candidates), most likely first',
        description: 'Agency roles see candidates among their own agency’s cases only.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object(
          {
            radius: Type.Integer({ minimum: 1, maximum: 2000, default: 50, description: 'Metres' }),
            days: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ case_id: Type.String(), code: Type.String(), items: Type.Array(SimilarCaseSchema) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { radius, days, limit } = request.query;
      const found = await findDuplicatesOfCase(db, principalOf(request), request.params.id, {
        radiusMeters: radius,
        days,
        limit,
      });
      return { case_id: found.case_id, code: found.code, items: similarView(found.items) };
    },
  );

  app.post(
    '/public/reports/:code/support',
    {
      config: { access: ['citizen'] },
      schema: {
        tags: ['public'],
        summary: 'Follow this open report instead of filing the same problem again (once per citizen)',
        description: "Does not change the case's version: staff holding the case need not reload it.",
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: {
          200: Type.Object({
            code: Type.String(),
            supporter_count: Type.Integer(),
            already_following: Type.Boolean({ description: 'True when this call changed nothing' }),
          }),
          ...errors,
        },
      },
    },
    async (request) => supportCase(db, request.params.code, principalOf(request).userId),
  );
}
