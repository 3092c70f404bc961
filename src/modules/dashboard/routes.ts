// The dashboard's routes: /dashboard/* for the operations center and admins (agency admins:
// their own agency), /public/dashboard/* for anyone (no overdue counts, small numbers
// withheld), each also as a .csv download with the same query.
import type { FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { Database } from '../../platform/db/index.js';
import type { Access } from '../../platform/http/access.js';
import type { App } from '../../platform/http/types.js';
import {
  BreakdownAnswer,
  BreakdownQuery,
  DashboardQuery,
  HeatmapAnswer,
  HeatmapQuery,
  LeagueAnswer,
  SeriesAnswer,
  SeriesQuery,
  SummaryAnswer,
} from '../../shared/dashboard.js';
import { attachment, type CsvValue, csvStream } from './csv.js';
import { breakdownCsv, heatmapCsv, leagueCsv, seriesCsv, summaryCsv } from './csv-tables.js';
import type { Audience } from './measures.js';
import { type DashboardScope, resolveScope } from './scope.js';
import { dashboardBreakdown, dashboardHeatmap, dashboardLeague, dashboardSeries, dashboardSummary } from './service.js';

const STAFF: Access = ['operator', 'admin', 'agency_admin'];
const errors = { 400: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' } };

interface Table {
  header: string[];
  rows: Iterable<CsvValue[]>;
}

interface Endpoint<Q extends Record<string, unknown>, A> {
  path: string;
  summary: string;
  query: TSchema;
  answer: TSchema;
  compute: (input: { db: Database; query: Q; audience: Audience; scope: DashboardScope }) => Promise<A>;
  csv: (answer: A, audience: Audience) => Table;
  fileName: (answer: A) => string;
}

export async function dashboardRoutes(app: App, { db, timeZone }: { db: Database; timeZone: string }) {
  const register = <Q extends Record<string, unknown>, A>(endpoint: Endpoint<Q, A>) => {
    for (const audience of ['staff', 'public'] as const) {
      const base = audience === 'staff' ? `/dashboard/${endpoint.path}` : `/public/dashboard/${endpoint.path}`;
      const access = audience === 'staff' ? STAFF : 'public';
      const answer = async (request: FastifyRequest) => {
        const query = request.query as Q;
        const scope = await resolveScope(db, query, {
          timeZone,
          principal: audience === 'staff' ? request.principal : null,
          publicFigures: audience === 'public',
        });
        return endpoint.compute({ db, query, audience, scope });
      };
      const who = audience === 'staff' ? 'staff' : 'the public';
      app.get(
        base,
        {
          config: { access },
          schema: {
            tags: [audience === 'staff' ? 'dashboard' : 'public'],
            summary: `${endpoint.summary} (${who})`,
            querystring: endpoint.query,
            response: { 200: endpoint.answer, ...errors },
          },
        },
        async (request) => answer(request),
      );
      app.get(
        `${base}.csv`,
        {
          config: { access },
          schema: {
            tags: [audience === 'staff' ? 'dashboard' : 'public'],
            summary: `${endpoint.summary} (${who}), as CSV`,
            querystring: endpoint.query,
            produces: ['text/csv'],
            response: { 200: { type: 'string', description: 'CSV, UTF-8 with a byte order mark' }, ...errors },
          },
        },
        async (request, reply) => {
          const result = await answer(request);
          const table = endpoint.csv(result, audience);
          reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(endpoint.fileName(result)));
          return reply.send(csvStream(table.header, table.rows));
        },
      );
    }
  };

  const name = (kind: string, answer: { query: { from: string; to: string } }) =>
    `citypulse-${kind}-${answer.query.from}_${answer.query.to}.csv`;

  register<Static<typeof DashboardQuery>, SummaryAnswer>({
    path: 'summary',
    summary: 'Received, open, resolved, on time, response and resolution times, satisfaction, reopenings',
    query: DashboardQuery,
    answer: SummaryAnswer,
    compute: ({ db, audience, scope }) => dashboardSummary({ db, scope, audience }),
    csv: summaryCsv,
    fileName: (answer) => name('summary', answer),
  });
  register<Static<typeof BreakdownQuery>, BreakdownAnswer>({
    path: 'breakdown',
    summary: 'The figures by category, agency, area or channel',
    query: BreakdownQuery,
    answer: BreakdownAnswer,
    compute: ({ db, query, audience, scope }) => dashboardBreakdown({ db, scope, audience }, query.by),
    csv: breakdownCsv,
    fileName: (answer) => name(`by-${answer.by}`, answer),
  });
  register<Static<typeof SeriesQuery>, SeriesAnswer>({
    path: 'series',
    summary: 'The figures per day, week or month',
    query: SeriesQuery,
    answer: SeriesAnswer,
    compute: ({ db, query, audience, scope }) => dashboardSeries({ db, scope, audience }, query.interval),
    csv: seriesCsv,
    fileName: (answer) => name(`per-${answer.interval}`, answer),
  });
  register<Static<typeof HeatmapQuery>, HeatmapAnswer>({
    path: 'heatmap',
    summary: 'Reports per H3 hexagon',
    query: HeatmapQuery,
    answer: HeatmapAnswer,
    compute: ({ db, query, audience, scope }) => dashboardHeatmap({ db, scope, audience }, query.resolution),
    csv: heatmapCsv,
    fileName: (answer) => name(`heatmap-h3r${answer.resolution}`, answer),
  });
  register<Static<typeof DashboardQuery>, LeagueAnswer>({
    path: 'league',
    summary: 'Agencies ranked: on time, satisfaction, time to resolve',
    query: DashboardQuery,
    answer: LeagueAnswer,
    compute: ({ db, audience, scope }) => dashboardLeague({ db, scope, audience }),
    csv: leagueCsv,
    fileName: (answer) => name('agency-league', answer),
  });
}
