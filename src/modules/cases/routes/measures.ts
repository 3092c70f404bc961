import Type from 'typebox';
import type { Database } from '../../../platform/db/index.js';
import type { App } from '../../../platform/http/types.js';
import { computeMeasures } from '../measures.js';

const Nullable = (schema: ReturnType<typeof Type.Number>) => Type.Union([schema, Type.Null()]);
const MeasuresSchema = Type.Object({
  received: Type.Integer(),
  open: Type.Integer(),
  resolved: Type.Integer(),
  rejected: Type.Integer(),
  median_hours_to_first_response: Nullable(Type.Number()),
  median_hours_to_resolve: Nullable(Type.Number()),
  on_time_rate: Nullable(Type.Number({ description: 'Share of resolved cases resolved by their deadline' })),
  satisfaction_rate: Nullable(Type.Number({ description: 'Share of ratings that are 4 or 5' })),
  rated: Type.Integer(),
  reopen_rate: Nullable(Type.Number({ description: 'Share of resolved cases the citizen reopened' })),
});
const Filter = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    category: Type.Optional(Type.String({ maxLength: 64 })),
    agency: Type.Optional(Type.String({ maxLength: 64 })),
    area: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export async function measureRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/public/measures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'How well the city answers: counts, response and resolution times, on-time, satisfaction, reopenings',
        querystring: Filter,
        response: { 200: MeasuresSchema },
      },
    },
    async (request) => computeMeasures(db, request.query),
  );
}
