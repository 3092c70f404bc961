// The citizen's side: their reports with the public timeline, answering the city's
// questions, and rating the result. A case they only follow (supported, or a duplicate of
// theirs merged into it) is shown as the public sees it: it is someone else's report.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { CaseStateSchema, CitizenCase } from '../../../shared/cases.js';
import type { Reporters } from '../../triage/redaction.js';
import { type CitizenRelation, citizenRelation, relationsOf, reporterIdentities } from '../privacy.js';
import { listCases } from '../queue.js';
import { citizenView, loadCase, type MediaRow, mediaOf, publicView, timelineOf, type ViewedCase } from '../views.js';
import { rateCase, replyToRequest } from '../workflow.js';

const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } };

/** The case as this follower may see it: the reporter their own; anyone else the public's view. */
function followerView(relation: CitizenRelation, row: ViewedCase, media: MediaRow[], reporters: Reporters) {
  return relation === 'reporter'
    ? Object.assign(citizenView(row, media), { following_as: relation })
    : Object.assign(publicView(row, media, reporters), { version: row.version, following_as: relation });
}

export async function citizenCaseRoutes(app: App, { db }: { db: Database }) {
  const answerCase = async (userId: string, caseId: string) => {
    const relation = await citizenRelation(db, userId, caseId);
    const row = await loadCase(db, 'c.id = $1', [caseId]);
    if (!row) throw notFound('There is no such case', 'case_not_found');
    const reporters = relation === 'reporter' ? null : (await reporterIdentities(db, [row.id])).get(row.id);
    return {
      ...followerView(relation, row, await mediaOf(db, [row.id]), reporters),
      // the reporter also reads what they kept for the city alone; anyone else the public timeline
      timeline:
        relation === 'reporter'
          ? await timelineOf(db, row.id, 'citizen', { viewerId: userId })
          : await timelineOf(db, row.id, 'public'),
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
      const ids = page.items.map((row) => row.id);
      const relations = await relationsOf(db, principal.userId, ids);
      const others = ids.filter((id) => relations.get(id) !== 'reporter');
      const reporters = await reporterIdentities(db, others);
      return {
        items: page.items.map((row) =>
          followerView(relations.get(row.id) ?? 'supporter', row, row.media, reporters.get(row.id)),
        ),
        next: page.next,
      };
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
    async (request) => answerCase(principalOf(request).userId, request.params.id),
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
      return answerCase(principalOf(request).userId, request.params.id);
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
      return answerCase(principalOf(request).userId, request.params.id);
    },
  );
}
