// The staff side of cases: the queue, one case with its full timeline, and every action.
import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { App } from '../../../platform/http/types.js';
import { CaseStateSchema, ChannelSchema, StaffCase, type TriageSuggestionView } from '../../../shared/cases.js';
import { PrioritySchema } from '../../../shared/reference-data.js';
import { isAgencyRole, STAFF_ROLES } from '../../../shared/roles.js';
import { auditContextOf } from '../../audit/context.js';
import { type CasePlace, type RoutingAdvice, routingAdvice } from '../../routing/advice.js';
import { routeCase } from '../../routing/service.js';
import { latestSuggestion, type ShownSuggestion } from '../../triage/service.js';
import { assertStaffMaySee } from '../access.js';
import { listStaffCases, QUEUE_SORTS } from '../queue.js';
import { attributesOf, loadCase, mediaOf, staffView, timelineOf } from '../views.js';
import {
  acceptCase,
  addNote,
  assignCase,
  mergeCase,
  rejectCase,
  requestInformation,
  resolveCase,
  transferCase,
  triageCase,
} from '../workflow.js';

const OPERATORS = ['operator', 'admin'] as const;
const AGENCY = ['agency_staff', 'agency_admin'] as const;
const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Version = {
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you saw; a newer one is a 409' })),
};
const Message = Type.String({ minLength: 1, maxLength: 4000 });
const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } };

/** The case page works routing out afresh: for one case there is nothing to gain from keeping it. */
const adviceNow =
  (db: Database): RoutingAdvice =>
  (category, at) =>
    routeCase(db, category, at.lat, at.lon);

const needsAdvice = (stored: ShownSuggestion) => !stored.routing_explanation_vi || !stored.routing_explanation_en;

/** The suggestion as staff read it; routing's advice is computed now when intake did not need it. */
async function suggestionView(
  /** null: give what intake stored, without computing routing's advice now. */
  route: RoutingAdvice | null,
  stored: ShownSuggestion | null,
  at: CasePlace,
): Promise<TriageSuggestionView | null> {
  if (!stored) return null;
  let { agency_code: agency, routing_explanation_vi: vi, routing_explanation_en: en } = stored;
  if (needsAdvice(stored) && route) {
    const routing = await route(stored.category_code, at);
    agency = routing.agency?.code ?? null;
    ({ vi, en } = routing.explanation);
  }
  return {
    model_version: stored.model_version,
    classifier: stored.classifier,
    category: stored.category_code,
    confidence: stored.confidence,
    top3: stored.top3,
    priority: stored.priority,
    priority_confidence: stored.priority_confidence,
    agency,
    routing_explanation: vi && en ? { vi, en } : null,
    abuse_reasons: stored.abuse_reasons,
  };
}

export async function staffCaseRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/cases',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['cases'],
        summary:
          'The queue, each case with its latest triage suggestion: filters, sort and cursor pagination (agency roles see their agency only)',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Array(CaseStateSchema)),
            priority: Type.Optional(Type.Array(PrioritySchema)),
            category: Type.Optional(Type.String({ maxLength: 64 })),
            area: Type.Optional(Type.String({ maxLength: 64, description: 'An area and everything inside it' })),
            agency: Type.Optional(Type.String({ maxLength: 64 })),
            channel: Type.Optional(ChannelSchema),
            overdue: Type.Optional(Type.Boolean()),
            q: Type.Optional(
              Type.String({ maxLength: 200, description: 'Words, with or without diacritics, or a case code' }),
            ),
            sort: Type.Enum(QUEUE_SORTS, { default: 'newest' }),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(StaffCase), next: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const page = await listStaffCases(db, principal, request.query);
      // routing's advice only matters while no agency holds the case
      const advised = (row: (typeof page.items)[number]) =>
        row.agency_id === null && row.suggestion !== null && needsAdvice(row.suggestion);
      const route = page.items.some(advised) ? await routingAdvice(db) : null;
      return {
        items: await Promise.all(
          page.items.map(async (row) =>
            Object.assign(await staffView(db, principal, row, row.media, row.reporter), {
              suggestion: await suggestionView(advised(row) ? route : null, row.suggestion, row),
            }),
          ),
        ),
        next: page.next,
      };
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['cases'],
        summary: 'One case with its whole timeline',
        params: CaseId,
        response: { 200: StaffCase, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadCase(db, 'c.id = $1', [request.params.id]);
      if (!row) throw notFound('There is no such case', 'case_not_found');
      assertStaffMaySee(principal, row);
      const view = await staffView(db, principal, row, await mediaOf(db, [row.id]), undefined, auditContextOf(request));
      // an anonymous reporter hidden from these staff is hidden in the timeline too; agency
      // staff read no other citizen's name (a supporter, a merged duplicate's reporter) either
      const limits = {
        hiddenReporter: row.reporter_id !== null && view.reporter === null ? row.reporter_id : null,
        ...(isAgencyRole(principal.role) ? { namedCitizen: view.reporter?.id ?? null } : {}),
      };
      return {
        ...view,
        suggestion: await suggestionView(adviceNow(db), await latestSuggestion(db, row.id), row),
        attributes: await attributesOf(db, row.id),
        timeline: await timelineOf(db, row.id, 'staff', limits),
      };
    },
  );

  /** Registers POST /cases/:id/<name>: the action runs, then the case is answered as staff see it. */
  const action = <B extends ReturnType<typeof Type.Object>>(
    name: string,
    roles: readonly ('operator' | 'admin' | 'agency_staff' | 'agency_admin')[],
    summary: string,
    body: B,
    run: (step: Parameters<typeof acceptCase>[0], body: Record<string, unknown>) => Promise<unknown>,
  ) =>
    app.post(
      `/cases/:id/${name}`,
      {
        config: { access: roles },
        schema: { tags: ['cases'], summary, params: CaseId, body, response: { 200: StaffCase, ...errors } },
      },
      async (request) => {
        const principal = principalOf(request);
        const input = request.body as Record<string, unknown>;
        await run({ db, caseId: request.params.id, principal, version: input.version as number | undefined }, input);
        const row = await loadCase(db, 'c.id = $1', [request.params.id]);
        if (!row) throw notFound('There is no such case', 'case_not_found');
        return staffView(db, principal, row, await mediaOf(db, [row.id]), undefined, auditContextOf(request));
      },
    );

  const closed = { additionalProperties: false } as const;
  action(
    'triage',
    OPERATORS,
    'Set category and priority (a submitted case becomes triaged)',
    Type.Object(
      { category: Type.Optional(Type.String({ maxLength: 64 })), priority: Type.Optional(PrioritySchema), ...Version },
      closed,
    ),
    (s, b) => triageCase(s, { category: b.category as string | undefined, priority: b.priority as never }),
  );
  action(
    'assign',
    OPERATORS,
    'Assign to an agency; the SLA deadline starts',
    Type.Object({ agency: Type.String({ minLength: 1, maxLength: 64 }), ...Version }, closed),
    (s, b) => assignCase(s, b.agency as string),
  );
  action(
    'accept',
    AGENCY,
    'Take the case on',
    Type.Object({ message: Type.Optional(Message), ...Version }, closed),
    (s, b) => acceptCase(s, b.message as string | undefined),
  );
  action(
    'request-info',
    AGENCY,
    'Ask the citizen for more (public); the SLA clock pauses until they answer',
    Type.Object({ message: Message, ...Version }, closed),
    (s, b) => requestInformation(s, b.message as string),
  );
  action(
    'transfer',
    AGENCY,
    'Send a wrong case back to the operations center, or to another agency',
    Type.Object(
      { reason: Message, agency: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), ...Version },
      closed,
    ),
    (s, b) => transferCase(s, b.reason as string, (b.agency as string | undefined) ?? null),
  );
  action(
    'resolve',
    AGENCY,
    'Resolve with a public note (proof photos: multipart on the same path is not supported yet; attach by media id)',
    Type.Object(
      {
        message: Message,
        media: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10 })),
        ...Version,
      },
      closed,
    ),
    (s, b) => resolveCase(s, b.message as string, (b.media as string[] | undefined) ?? []),
  );
  action(
    'reject',
    OPERATORS,
    'Reject (spam, out of scope) with the reason the citizen will read',
    Type.Object({ reason: Message, ...Version }, closed),
    (s, b) => rejectCase(s, b.reason as string),
  );
  action(
    'merge',
    OPERATORS,
    'Merge this duplicate into another open case; its citizens follow that one',
    Type.Object({ into: Type.String({ format: 'uuid' }), ...Version }, closed),
    (s, b) => mergeCase(s, b.into as string),
  );
  action(
    'notes',
    [...OPERATORS, ...AGENCY],
    'An internal note (staff only)',
    Type.Object({ text: Message, ...Version }, closed),
    (s, b) => addNote(s, b.text as string),
  );
}
