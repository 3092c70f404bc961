// The city dashboard as the API speaks of it: the query (date range and filters, as they appear
// in the URL) and the answers of /api/v1/dashboard/* (staff) and /api/v1/public/dashboard/*
// (anyone). Shared by the server (validation, OpenAPI) and the web app (types).
import Type, { type Static } from 'typebox';
import { type Channel, ChannelSchema } from './cases.js';
import { Nullable } from './nullable.js';

const day = (description = 'A calendar day in the city, YYYY-MM-DD') => Type.String({ format: 'date', description });
const Day = day();
const code = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

export const BREAKDOWNS = ['category', 'agency', 'area', 'channel'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const INTERVALS = ['day', 'week', 'month'] as const;
export type SeriesInterval = (typeof INTERVALS)[number];
/** H3 resolutions the heat map offers: 5 (a district, ~250 km²) to 8 (a few blocks, ~0.7 km²). */
export const HEATMAP_RESOLUTIONS = { min: 5, max: 8, default: 7 } as const;
/** The longest range one question may cover, in days. */
export const MAX_RANGE_DAYS = 3660;
/** Public figures: a rate or median resting on fewer cases than this is withheld (null). */
export const PUBLIC_MIN_COUNT = 5;
/**
 * Public questions whose filters the roll-up does not keep together (three of them, or the
 * channel with another, or the heat map with any) may cover at most this many days.
 */
export const PUBLIC_MAX_DAYS_FROM_CASES = 92;
/** Public heat map: cells with fewer reports than this are left out. */
export const PUBLIC_MIN_CELL_COUNT = 3;
/** The league ranks agencies with at least this many resolved cases; the others are listed unranked. */
export const LEAGUE_MIN_RESOLVED = 5;

const filterFields = {
  from: Type.Optional(day('First day, included, YYYY-MM-DD (default: 29 days before `to`)')),
  to: Type.Optional(day('Last day, included, YYYY-MM-DD (default: today in the city)')),
  category: Type.Optional(code('A category code')),
  agency: Type.Optional(code('An agency code (agency admins: their own only)')),
  area: Type.Optional(code('An area code: the area and every area inside it')),
  channel: Type.Optional(ChannelSchema),
};

export const DashboardQuery = Type.Object(filterFields, { additionalProperties: false });
export type DashboardQuery = Static<typeof DashboardQuery>;

export const BreakdownQuery = Type.Object(
  { ...filterFields, by: Type.Enum(BREAKDOWNS, { description: 'area: the areas one level below the one asked for' }) },
  { additionalProperties: false },
);
export type BreakdownQuery = Static<typeof BreakdownQuery>;

export const SeriesQuery = Type.Object(
  {
    ...filterFields,
    interval: Type.Enum(INTERVALS, { default: 'day', description: 'Weeks start on Monday' }),
  },
  { additionalProperties: false },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

export const HeatmapQuery = Type.Object(
  {
    ...filterFields,
    resolution: Type.Integer({
      minimum: HEATMAP_RESOLUTIONS.min,
      maximum: HEATMAP_RESOLUTIONS.max,
      default: HEATMAP_RESOLUTIONS.default,
      description: 'H3 resolution of the hexagons',
    }),
  },
  { additionalProperties: false },
);
export type HeatmapQuery = Static<typeof HeatmapQuery>;

const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description }));
const Hours = (description: string) => Nullable(Type.Number({ minimum: 0, description }));

/**
 * How well the city answered the reports submitted in the range (the cases of those days, as
 * they stand now), computed from their timelines. Merged duplicates count in their case.
 */
export const DashboardMeasures = Type.Object({
  received: Type.Integer({ description: 'Reports submitted in the range' }),
  open: Type.Integer({ description: 'Of those, still waiting for an answer' }),
  resolved: Type.Integer({ description: 'Of those, resolved or closed' }),
  rejected: Type.Integer({ description: 'Of those, rejected (spam, out of scope)' }),
  overdue: Type.Optional(Type.Integer({ description: 'Staff only: open and past the deadline now' })),
  rated: Type.Integer({ description: 'Rated by the citizen' }),
  on_time_rate: Rate('Share of resolved cases (with a deadline) resolved by it'),
  satisfaction_rate: Rate('Share of ratings that are 4 or 5'),
  reopen_rate: Rate('Share of ever-resolved cases the citizen reopened'),
  median_hours_to_first_response: Hours('Median time from the report to the first answer'),
  median_hours_to_resolve: Hours('Median time from the report to its resolution (resolved cases)'),
});
export type DashboardMeasures = Static<typeof DashboardMeasures>;

const Echo = Type.Object({
  from: Day,
  to: Day,
  time_zone: Type.String({ description: 'The city time zone the days are counted in' }),
  category: Nullable(Type.String()),
  agency: Nullable(Type.String()),
  area: Nullable(Type.String()),
  channel: Nullable(ChannelSchema),
  suppressed_below: Nullable(
    Type.Integer({ description: 'Public figures: rates and medians resting on fewer cases are null' }),
  ),
});
export type DashboardEcho = Static<typeof Echo>;

export const SummaryAnswer = Type.Object({ query: Echo, measures: DashboardMeasures });
export type SummaryAnswer = Static<typeof SummaryAnswer>;

export const BreakdownRow = Type.Object({
  key: Nullable(Type.String({ description: 'Code of the category, agency or area, or the channel; null: none' })),
  name_vi: Type.String(),
  name_en: Type.String(),
  measures: DashboardMeasures,
});
export type BreakdownRow = Static<typeof BreakdownRow>;
export const BreakdownAnswer = Type.Object({
  query: Echo,
  by: Type.Enum(BREAKDOWNS),
  rows: Type.Array(BreakdownRow, { description: 'Most reports first' }),
});
export type BreakdownAnswer = Static<typeof BreakdownAnswer>;

export const SeriesPoint = Type.Object({
  start: Day,
  end: day('Last day of the interval inside the range'),
  measures: DashboardMeasures,
});
export type SeriesPoint = Static<typeof SeriesPoint>;
export const SeriesAnswer = Type.Object({
  query: Echo,
  interval: Type.Enum(INTERVALS),
  points: Type.Array(SeriesPoint, { description: 'Every interval of the range, in order, empty ones too' }),
});
export type SeriesAnswer = Static<typeof SeriesAnswer>;

export const HeatmapCell = Type.Object({
  cell: Type.String({ description: 'H3 cell index' }),
  lat: Type.Number({ description: "The cell's centre" }),
  lon: Type.Number(),
  received: Type.Integer(),
  open: Type.Integer(),
  resolved: Type.Integer(),
});
export type HeatmapCell = Static<typeof HeatmapCell>;
export const HeatmapAnswer = Type.Object({
  query: Echo,
  resolution: Type.Integer(),
  min_count: Type.Integer({ description: 'Cells with fewer reports are left out' }),
  cells: Type.Array(HeatmapCell, { description: 'Most reports first' }),
});
export type HeatmapAnswer = Static<typeof HeatmapAnswer>;

export const LeagueRow = Type.Object({
  rank: Nullable(Type.Integer({ minimum: 1, description: 'null: too few resolved cases to rank' })),
  agency: Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() }),
  received: Type.Integer(),
  resolved: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Optional(Type.Integer()),
  on_time_rate: Rate('Share resolved by the deadline'),
  median_hours_to_resolve: Hours('Median time to resolution'),
  satisfaction_rate: Rate('Share of ratings that are 4 or 5'),
  rated: Type.Integer(),
});
export type LeagueRow = Static<typeof LeagueRow>;
export const LeagueAnswer = Type.Object({
  query: Echo,
  min_resolved: Type.Integer({ description: 'Agencies with fewer resolved cases are listed unranked, last' }),
  ranked_by: Type.Array(Type.String(), { description: 'The order of the ranking: first key first' }),
  rows: Type.Array(LeagueRow),
});
export type LeagueAnswer = Static<typeof LeagueAnswer>;

/** Names of the channels, for breakdowns and their CSV files. */
export const CHANNEL_NAMES: Record<Channel, { vi: string; en: string }> = {
  app: { vi: 'Ứng dụng di động', en: 'Mobile app' },
  web: { vi: 'Trang web', en: 'Website' },
  hotline: { vi: 'Đường dây nóng', en: 'Hotline' },
  open311: { vi: 'Hệ thống khác (Open311)', en: 'Other systems (Open311)' },
  sensor: { vi: 'Cảm biến, camera', en: 'Sensors and cameras' },
  assistant: { vi: 'Trợ lý ảo', en: 'Assistant' },
};

/** What a breakdown row without a category, agency or area stands for. */
export const NONE_NAMES: Record<Exclude<Breakdown, 'channel'>, { vi: string; en: string }> = {
  category: { vi: 'Chưa phân loại', en: 'Not categorised yet' },
  agency: { vi: 'Chưa giao đơn vị xử lý', en: 'Not assigned yet' },
  area: { vi: 'Ngoài các đơn vị hành chính', en: 'Outside every area' },
};
