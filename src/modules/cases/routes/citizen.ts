// The citizen's side: their reports with the public timeline, answering the city's
// questions, and rating the result.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { CaseStateSchema, CitizenCase } from '../../../shared/cases.js';
import { assertCitizenFollows } from '../access.js';
import { listCases } from '../queue.js';
import { citizenView, loadCase, mediaOf, timelineOf } from '../views.js';
import { rateCase, replyToRequest } from '../workflow.js';

const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } };

export async function citizenCaseRoutes(app: App, { db }: { db: Database }) {
  const answerCase = async (caseId: string, viewerId: string) => {
    const row = await loadCase(db, 'c.id = $1', [caseId]);
    if (!row) throw notFound('There is no such case', 'case_not_found');
    return {
      ...citizenView(row, await mediaOf(db, [row.id])),
      timeline: await timelineOf(db, row.id, 'citizen', viewerId),
    };
  };

  app.get(
    '/me/reports',
    {
      config: { access: ['citizen'] },
      schema: {
        tags: ['my reports'],
        summary: 'The cases you reported or follow, newest first',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Array(CaseStateSchema)),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(CitizenCase), next: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const page = await listCases(db, null, { ...request.query, reporterId: principal.userId, sort: 'newest' });
      return { items: page.items.map((row) => citizenView(row, row.media)), next: page.next };
    },
  );

  app.get(
    '/me/reports/:id',
    {
      config: { access: ['citizen'] },
      schema: {
        tags: ['my reports'],
        summary: 'One of your cases with its public timeline',
        params: CaseId,
        response: { 200: CitizenCase, ...errors },
      },
    },
    async (request) => {
      await assertCitizenFollows(db, principalOf(request).userId, request.params.id);
      return answerCase(request.params.id, principalOf(request).userId);
    },
  );

  app.post(
    '/me/reports/:id/reply',
    {
      config: { access: ['citizen'] },
      schema: {
        tags: ['my reports'],
        summary: "Answer the city's request for information (attachments: upload them first, give their ids)",
        params: CaseId,
        body: Type.Object(
          {
            message: Type.String({ minLength: 1, maxLength: 4000 }),
            media: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10 })),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
            public: Type.Optional(
              Type.Boolean({
                default: true,
                description: 'false: only the city sees the reply and its attachments, not the public case page',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: CitizenCase, ...errors },
      },
    },
    async (request) => {
      const { message, media, version } = request.body;
      await replyToRequest(
        { db, caseId: request.params.id, principal: principalOf(request), version },
        message,
        media ?? [],
        request.body.public ?? true,
      );
      return answerCase(request.params.id, principalOf(request).userId);
    },
  );

  app.post(
    '/me/reports/:id/rating',
    {
      config: { access: ['citizen'] },
      schema: {
        tags: ['my reports'],
        summary: 'Rate a resolved case: 1-2 stars or "not fixed" reopens it',
        params: CaseId,
        body: Type.Object(
          {
            rating: Type.Integer({ minimum: 1, maximum: 5 }),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            fixed: Type.Boolean({ default: true, description: 'false: the problem is still there' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: CitizenCase, ...errors },
      },
    },
    async (request) => {
      const { rating, comment, fixed } = request.body;
      await rateCase(
        { db, caseId: request.params.id, principal: principalOf(request) },
        rating,
        comment?.trim() || null,
        fixed,
      );
      return answerCase(request.params.id, principalOf(request).userId);
    },
  );
}
