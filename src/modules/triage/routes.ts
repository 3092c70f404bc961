// Triage over HTTP: the suggestion while a citizen types a report (with similar open cases),
// and the admin's corrections report and auto-assign thresholds. The duplicates of a case and
// "follow this case instead" are case routes (cases/routes/duplicates.ts).
import Type from 'typebox';
import type { Database, Queryable } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/types.js';
import { consumeLimits } from '../../platform/rate-limit.js';
import { PrioritySchema } from '../../shared/reference-data.js';
import { auditContextOf } from '../audit/context.js';
import { correctionsSummary } from './corrections.js';
import { findSimilarOpenCases } from './duplicates.js';
import { SimilarCaseSchema, similarView } from './schemas.js';
import { suggestTriage, type TriageClassifier } from './service.js';
import { listThresholds, setThresholds } from './thresholds.js';

/** Citizens may ask this many suggestions a minute (the app asks as they type, debounced). */
export const CITIZEN_SUGGESTIONS_PER_MINUTE = 30;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Named = Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() });
const Confidence = Type.Number({ minimum: 0, maximum: 1 });
const errors = {
  400: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  409: { $ref: 'ErrorBody#' },
  429: { $ref: 'ErrorBody#' },
};

const Suggestion = Type.Object({
  category: Type.Object({
    ...Named.properties,
    confidence: Confidence,
    top3: Type.Array(Type.Object({ ...Named.properties, confidence: Confidence })),
  }),
  priority: Type.Object({ level: PrioritySchema, confidence: Confidence }),
  model_version: Type.String(),
  classifier: Type.String({ description: "'built_in', or 'external:<model>' when the external classifier answered" }),
  area: Nullable(Named),
  routing: Nullable(
    Type.Object({
      agency: Nullable(Named),
      coverage: Nullable(Type.Object({ ...Named.properties, city_wide: Type.Boolean() })),
      fallback: Type.Boolean({ description: 'No agency of the kind covers the place: the IOC triages by hand' }),
      explanation: Type.Object({ vi: Type.String(), en: Type.String() }),
    }),
  ),
  similar: Type.Array(SimilarCaseSchema, { description: 'Open cases nearby that may be the same problem' }),
  abuse: Type.Object({ flagged: Type.Boolean(), reasons: Type.Array(Type.String()) }),
});

const ThresholdList = Type.Object({
  items: Type.Array(
    Type.Object({
      category: Type.String(),
      name_vi: Type.String(),
      name_en: Type.String(),
      threshold: Nullable(Confidence),
      updated_at: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

async function categoryNames(
  db: Queryable,
  codes: string[],
): Promise<Map<string, { name_vi: string; name_en: string }>> {
  const { rows } = await db.query<{ code: string; name_vi: string; name_en: string }>(
    'SELECT code, name_vi, name_en FROM categories WHERE code = ANY($1::text[])',
    [codes],
  );
  return new Map(rows.map((row) => [row.code, { name_vi: row.name_vi, name_en: row.name_en }]));
}

const named = (ref: { code: string; name_vi: string; name_en: string } | null) =>
  ref ? { code: ref.code, name_vi: ref.name_vi, name_en: ref.name_en } : null;

export async function triageRoutes(app: App, { db, classifier }: { db: Database; classifier: TriageClassifier }) {
  app.post(
    '/triage/suggest',
    {
      config: { access: ['citizen', 'operator', 'agency_staff', 'agency_admin', 'admin'] },
      schema: {
        tags: ['triage'],
        summary: 'Suggest a category and priority for a report, where it would go, and similar open cases nearby',
        description: `Citizens may ask ${CITIZEN_SUGGESTIONS_PER_MINUTE} a minute. Give lat and lon together, or neither.`,
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: 4000 }),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Suggestion, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { text, lat, lon } = request.body;
      if ((lat === undefined) !== (lon === undefined)) {
        throw badRequest('incomplete_location', 'Give lat and lon together, or neither');
      }
      if (!text.trim()) throw badRequest('empty_text', 'The text is empty');
      if (principal.role === 'citizen') {
        await consumeLimits(
          db,
          [
            {
              bucket: `triage:suggest:user:${principal.userId}`,
              max: CITIZEN_SUGGESTIONS_PER_MINUTE,
              windowSeconds: 60,
            },
          ],
          'Too many suggestions in a minute: wait a moment',
        );
      }
      const suggestion = await suggestTriage(db, classifier, { text, lat, lon });
      const { prediction, routing, abuse } = suggestion;
      const similar =
        lat !== undefined && lon !== undefined
          ? await findSimilarOpenCases(db, {
              text,
              lat,
              lon,
              categoryLikelihood: prediction.top3,
              // a citizen's own reports (and those they follow) are not someone else's problem
              ...(principal.role === 'citizen' ? { excludeFollowerId: principal.userId } : {}),
            })
          : [];
      const names = await categoryNames(db, [...new Set(prediction.top3.map((c) => c.category))]);
      const withNames = (code: string) => ({
        code,
        name_vi: names.get(code)?.name_vi ?? code,
        name_en: names.get(code)?.name_en ?? code,
      });
      return {
        category: {
          ...withNames(prediction.category),
          confidence: prediction.confidence,
          top3: prediction.top3.map((c) => ({ ...withNames(c.category), confidence: c.confidence })),
        },
        priority: { level: prediction.priority, confidence: prediction.priority_confidence },
        model_version: prediction.model_version,
        classifier: prediction.classifier,
        area: routing ? named(routing.area) : null,
        routing: routing
          ? {
              agency: named(routing.agency),
              coverage: routing.coverage ? { ...named(routing.coverage), city_wide: routing.coverage.city_wide } : null,
              fallback: routing.fallback,
              explanation: routing.explanation,
            }
          : null,
        similar: similarView(similar),
        abuse,
      };
    },
  );

  app.get(
    '/triage/corrections/summary',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['triage'],
        summary: 'Staff corrections of category and priority, and how many the model in use has learned from',
        response: {
          200: Type.Object({
            model_version: Type.String(),
            seen_by: Type.Union([Type.Literal('training_texts'), Type.Literal('training_date')]),
            total: Type.Integer(),
            seen_by_model: Type.Integer(),
            not_seen: Type.Integer(),
            by_field: Type.Object({ category: Type.Integer(), priority: Type.Integer() }),
            by_category: Type.Array(
              Type.Object({
                category: Nullable(Type.String()),
                total: Type.Integer(),
                seen_by_model: Type.Integer(),
                not_seen: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async () => correctionsSummary(db, classifier.builtIn),
  );

  const thresholdView = async () => ({
    items: (await listThresholds(db)).map((t) => ({ ...t, updated_at: t.updated_at?.toISOString() ?? null })),
  });

  app.get(
    '/triage/thresholds',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['triage'],
        summary: 'Per-category auto-assign thresholds (null: off, the default)',
        response: { 200: ThresholdList },
      },
    },
    thresholdView,
  );

  app.put(
    '/triage/thresholds',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['triage'],
        summary:
          'Set auto-assign thresholds: a new case whose suggested category reaches its threshold is assigned at once',
        description: 'Only the categories listed change; null turns one off. Answers every category.',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object(
                { category: Type.String({ minLength: 1, maxLength: 64 }), threshold: Nullable(Confidence) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ThresholdList, ...errors },
      },
    },
    async (request) => {
      await setThresholds(db, request.body.items, auditContextOf(request));
      return thresholdView();
    },
  );
}
