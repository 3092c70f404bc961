// What one case adds to the dashboard's figures, in SQL, defined once: the roll-up, the log of
// changes and the direct computation over cases all read these expressions. They follow
// computeMeasures (cases/measures.ts) to the letter; a merged case counts nowhere.
import { OPEN_STATES } from '../../shared/cases.js';

/** Histogram buckets per doubling of a duration: a median is good to about 3.5 %. */
export const BUCKETS_PER_DOUBLING = 20;

/**
 * The heat map's grid squares, in degrees: the roll-up keeps squares of 0.005° (about 550 m in
 * Huế, some 17 of them in an H3 cell of resolution 7); finer heat maps read positions to
 * 0.0001° (about 11 m) from the cases.
 */
export const ROLLUP_CELL_DEGREES = 0.005;
export const POINT_CELL_DEGREES = 0.0001;

const gridOf = (degrees: number) => {
  const lat = Math.round(90 / degrees);
  const lon = Math.round(180 / degrees);
  return { lat, lon, row: 2 * lon + 1 };
};

/** The centre of a grid square, from the number cellSql gives. */
export function cellCenter(cell: number, degrees = ROLLUP_CELL_DEGREES): { lat: number; lon: number } {
  const grid = gridOf(degrees);
  const latIndex = Math.floor(cell / grid.row) - grid.lat;
  const lonIndex = (cell % grid.row) - grid.lon;
  return { lat: (latIndex + 0.5) * degrees, lon: (lonIndex + 0.5) * degrees };
}

/** The grid square of a position (see cellCenter). */
export function cellSql(t: string, degrees = ROLLUP_CELL_DEGREES): string {
  const grid = gridOf(degrees);
  return `((floor(${t}.lat / ${degrees})::bigint + ${grid.lat}) * ${grid.row} + floor(${t}.lon / ${degrees})::bigint + ${grid.lon})`;
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
export const OPEN_LIST = list(OPEN_STATES);
const DONE = `('resolved', 'closed')`;

/** The bucket of a duration: 0 under a minute, then BUCKETS_PER_DOUBLING per doubling of minutes. */
function bucketSql(later: string, earlier: string): string {
  const seconds = `greatest(extract(epoch FROM ${later} - ${earlier})::float8, 0)`;
  return `CASE WHEN ${seconds} < 60 THEN 0 ELSE 1 + floor(${BUCKETS_PER_DOUBLING} * ln(${seconds} / 60) / ln(2))::int END`;
}

/** The city's calendar day of a case's submission; zone is a parameter reference ($n). */
export function localDaySql(t: string, zone: string): string {
  return `(${t}.created_at AT TIME ZONE ${zone})::date`;
}

/** The counters every roll-up row holds, in order. */
export const COUNTERS = [
  'received',
  'open',
  'resolved',
  'rejected',
  'on_time',
  'due_resolved',
  'rated',
  'satisfied',
  'reopened',
  'resolved_ever',
] as const;
export type Counter = (typeof COUNTERS)[number];

/**
 * One case's counters (each 0 or the weight), and the buckets of its durations (null when it
 * has none), over a row with the columns of cases: a cases row, or a logged image of one.
 */
export function contributionSql(t: string, weight: string): string {
  const when = (condition: string) => `CASE WHEN ${condition} THEN ${weight} ELSE 0 END`;
  const counters: Record<Counter, string> = {
    received: weight,
    open: when(`${t}.state IN (${OPEN_LIST})`),
    resolved: when(`${t}.state IN ${DONE}`),
    rejected: when(`${t}.state = 'rejected'`),
    on_time: when(`${t}.state IN ${DONE} AND ${t}.resolved_at <= ${t}.due_at`),
    due_resolved: when(`${t}.state IN ${DONE} AND ${t}.due_at IS NOT NULL`),
    rated: when(`${t}.rating IS NOT NULL`),
    satisfied: when(`${t}.rating >= 4`),
    reopened: when(`${t}.reopen_count > 0`),
    resolved_ever: when(`${t}.resolved_at IS NOT NULL`),
  };
  return [
    ...COUNTERS.map((name) => `${counters[name]} AS ${name}`),
    `CASE WHEN ${t}.first_response_at IS NOT NULL THEN ${bucketSql(`${t}.first_response_at`, `${t}.created_at`)} END AS first_response_bucket`,
    `CASE WHEN ${t}.resolved_at IS NOT NULL AND ${t}.state IN ${DONE} THEN ${bucketSql(`${t}.resolved_at`, `${t}.created_at`)} END AS resolve_bucket`,
  ].join(',\n    ');
}

/** A one-bucket histogram (see histogram.ts) of weight w, or an empty one. */
export function singleBucketHist(bucket: string, weight: string): string {
  return `CASE WHEN ${bucket} IS NULL THEN '{}'::bigint[] ELSE ARRAY[${bucket}::bigint * 4294967296 + ${weight}] END`;
}
