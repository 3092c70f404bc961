// The CSV form of each dashboard answer: one row per figure set, the same names as the JSON.
import type {
  BreakdownAnswer,
  DashboardEcho,
  DashboardMeasures,
  HeatmapAnswer,
  LeagueAnswer,
  SeriesAnswer,
  SummaryAnswer,
} from '../../shared/dashboard.js';
import type { CsvValue } from './csv.js';
import type { Audience } from './measures.js';

interface Table {
  header: string[];
  rows: Iterable<CsvValue[]>;
}

const MEASURES = [
  'received',
  'open',
  'resolved',
  'rejected',
  'overdue',
  'rated',
  'on_time_rate',
  'satisfaction_rate',
  'reopen_rate',
  'median_hours_to_first_response',
  'median_hours_to_resolve',
] as const satisfies readonly (keyof DashboardMeasures)[];

/** The public never sees overdue counts, not even as an empty column. */
const measureColumns = (audience: Audience) => MEASURES.filter((m) => audience === 'staff' || m !== 'overdue');
const measureValues = (measures: DashboardMeasures, audience: Audience) =>
  measureColumns(audience).map((m) => measures[m]);

const FILTERS = ['from', 'to', 'category', 'agency', 'area', 'channel'] as const;
const filterValues = (query: DashboardEcho) => FILTERS.map((f) => query[f]);

export function summaryCsv(answer: SummaryAnswer, audience: Audience): Table {
  return {
    header: [...FILTERS, ...measureColumns(audience)],
    rows: [[...filterValues(answer.query), ...measureValues(answer.measures, audience)]],
  };
}

export function breakdownCsv(answer: BreakdownAnswer, audience: Audience): Table {
  return {
    header: ['from', 'to', 'by', 'key', 'name_vi', 'name_en', ...measureColumns(audience)],
    rows: (function* () {
      for (const row of answer.rows) {
        yield [
          answer.query.from,
          answer.query.to,
          answer.by,
          row.key,
          row.name_vi,
          row.name_en,
          ...measureValues(row.measures, audience),
        ];
      }
    })(),
  };
}

export function seriesCsv(answer: SeriesAnswer, audience: Audience): Table {
  return {
    header: ['interval', 'start', 'end', ...measureColumns(audience)],
    rows: (function* () {
      for (const point of answer.points) {
        yield [answer.interval, point.start, point.end, ...measureValues(point.measures, audience)];
      }
    })(),
  };
}

export function heatmapCsv(answer: HeatmapAnswer): Table {
  return {
    header: ['h3_cell', 'resolution', 'lat', 'lon', 'received', 'open', 'resolved'],
    rows: (function* () {
      for (const cell of answer.cells) {
        yield [cell.cell, answer.resolution, cell.lat, cell.lon, cell.received, cell.open, cell.resolved];
      }
    })(),
  };
}

export function leagueCsv(answer: LeagueAnswer, audience: Audience): Table {
  const staff = audience === 'staff';
  return {
    header: [
      'rank',
      'agency',
      'name_vi',
      'name_en',
      'received',
      'resolved',
      'open',
      ...(staff ? ['overdue'] : []),
      'on_time_rate',
      'median_hours_to_resolve',
      'satisfaction_rate',
      'rated',
    ],
    rows: (function* () {
      for (const row of answer.rows) {
        yield [
          row.rank,
          row.agency.code,
          row.agency.name_vi,
          row.agency.name_en,
          row.received,
          row.resolved,
          row.open,
          ...(staff ? [row.overdue] : []),
          row.on_time_rate,
          row.median_hours_to_resolve,
          row.satisfaction_rate,
          row.rated,
        ];
      }
    })(),
  };
}
