// Keeping the roll-up: folding the log of case changes into it (a timer, every half minute), and
// building it again from the cases. Both take one advisory lock, so that one server folds at a
// time; readers never wait and never write (they add the entries not folded yet, aggregate.ts).
import type { Database, Queryable } from '../../platform/db/index.js';
import type { PeriodicTask } from '../../platform/jobs/periodic.js';
import { COUNTERS, cellSql, contributionSql, localDaySql } from './contribution.js';
import { DIMENSION_COLUMN, DIMENSIONS, GRAINS, type Grain, groupingSetsSql } from './grains.js';

const ROLLUP_LOCK_KEY = 7_021_011;
/** Log entries folded per transaction: a backlog is worked off in steps of this size. */
const FOLD_BATCH = 50_000;

export type Span = 'd' | 'm';

const SOURCE_COLUMNS = `created_at, state, category_id, agency_id, area_id, channel, lat, lon,
  first_response_at, resolved_at, due_at, rating, reopen_count`;

/** GROUPING() of the given grains' sets, written so that a dimension none of them uses counts as left out. */
function groupingMask(grains: readonly Grain[], dims: readonly (typeof DIMENSIONS)[number][]): string {
  const used = new Set(grains.flatMap((g) => g.dims));
  const terms = DIMENSIONS.map((dim, i) => {
    const bit = 1 << (DIMENSIONS.length - 1 - i);
    if (!dims.includes(dim)) return null;
    return used.has(dim) ? `GROUPING(${DIMENSION_COLUMN[dim]}) * ${bit}` : `${bit}`;
  }).filter((term) => term !== null);
  const outside = DIMENSIONS.filter((dim) => !dims.includes(dim)).reduce(
    (sum, dim) => sum + (1 << (DIMENSIONS.length - 1 - DIMENSIONS.indexOf(dim))),
    0,
  );
  return `(${[...terms, String(outside)].join(' + ')})::smallint`;
}

/** The key columns of a grouped row: a dimension outside the grouping is 0 or ''. */
function keyColumns(grains: readonly Grain[], dims: readonly (typeof DIMENSIONS)[number][]): string {
  const used = new Set(grains.flatMap((g) => g.dims));
  return dims
    .map((dim) => {
      const column = DIMENSION_COLUMN[dim];
      const empty = dim === 'channel' ? `''` : '0';
      return used.has(dim) ? `coalesce(${column}, ${empty}) AS ${column}` : `${empty} AS ${column}`;
    })
    .join(', ');
}

/**
 * One statement adding the rows of `source` (columns of cases, plus weight) to the roll-up of
 * the given spans: every grain's counters and duration histograms, merged into existing rows.
 */
export function rollupInsertSql(source: string, spans: readonly Span[], zone: string, prelude = ''): string {
  const branches = spans.map(
    (span) =>
      `SELECT '${span}'::char(1) AS span, ${span === 'd' ? localDaySql('s', zone) : `date_trunc('month', ${localDaySql('s', zone)})::date`} AS day,
              s.category_id, s.agency_id, s.area_id, s.channel, ${cellSql('s')} AS cell,
              ${contributionSql('s', 's.weight')}
         FROM ${source} s WHERE s.state <> 'merged'`,
  );
  const grains = GRAINS.filter((g) => spans.includes('m') || g.daily);
  const wanted = (list: readonly Grain[]) =>
    spans.length === 1 || !spans.includes('d')
      ? 'true'
      : `(span = 'm' OR grain IN (${list
          .filter((g) => g.daily)
          .map((g) => g.mask)
          .join(', ')}))`;
  const withDurations = grains.filter((g) => g.durations);
  const durationDims = DIMENSIONS.filter((d) => d !== 'cell');
  const dimColumns = DIMENSIONS.map((d) => DIMENSION_COLUMN[d]);
  return `WITH ${prelude}src AS (${branches.join('\nUNION ALL\n')}),
counts AS (
  SELECT * FROM (
    SELECT span, day, ${groupingMask(grains, DIMENSIONS)} AS grain, ${keyColumns(grains, DIMENSIONS)},
           ${COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
      FROM src GROUP BY span, day, ${groupingSetsSql(grains)}
  ) grouped WHERE ${wanted(grains)}
),
durations AS (
  SELECT span, day, grain, ${durationDims.map((d) => DIMENSION_COLUMN[d]).join(', ')},
         coalesce(array_agg(bucket::bigint * 4294967296 + n ORDER BY bucket) FILTER (WHERE measure = 'f'), '{}') AS first_response_hist,
         coalesce(array_agg(bucket::bigint * 4294967296 + n ORDER BY bucket) FILTER (WHERE measure = 'r'), '{}') AS resolve_hist
    FROM (
      SELECT span, day, ${groupingMask(withDurations, durationDims)} AS grain, ${keyColumns(withDurations, durationDims)},
             d.measure, d.bucket, sum(d.n)::bigint AS n
        FROM src CROSS JOIN LATERAL (VALUES ('f', first_response_bucket, received), ('r', resolve_bucket, received)) AS d (measure, bucket, n)
       WHERE d.bucket IS NOT NULL
       GROUP BY span, day, d.measure, d.bucket, ${groupingSetsSql(withDurations)}
    ) h
   WHERE n <> 0 AND ${wanted(withDurations)}
   GROUP BY span, day, grain, ${durationDims.map((d) => DIMENSION_COLUMN[d]).join(', ')}
)
INSERT INTO dashboard_rollup (grain, span, day, ${dimColumns.join(', ')}, ${COUNTERS.join(', ')}, first_response_hist, resolve_hist)
SELECT c.grain, c.span, c.day, ${dimColumns.map((col) => `c.${col}`).join(', ')}, ${COUNTERS.map((col) => `c.${col}`).join(', ')},
       coalesce(d.first_response_hist, '{}'), coalesce(d.resolve_hist, '{}')
  FROM counts c
  LEFT JOIN durations d ON d.span = c.span AND d.day = c.day AND d.grain = c.grain AND c.cell = 0
   AND ${durationDims.map((dim) => `d.${DIMENSION_COLUMN[dim]} = c.${DIMENSION_COLUMN[dim]}`).join(' AND ')}
ON CONFLICT (grain, span, day, ${dimColumns.join(', ')}) DO UPDATE SET
  ${COUNTERS.map((col) => `${col} = dashboard_rollup.${col} + excluded.${col}`).join(',\n  ')},
  first_response_hist = dashboard_hist_add(dashboard_rollup.first_response_hist, excluded.first_response_hist),
  resolve_hist = dashboard_hist_add(dashboard_rollup.resolve_hist, excluded.resolve_hist),
  updated_at = now()`;
}

/**
 * Folds what the log holds into the roll-up, unless another server is folding right now.
 * Returns how many log entries it folded.
 */
export async function foldCaseChanges(db: Database, timeZone: string): Promise<number> {
  let folded = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        ROLLUP_LOCK_KEY,
      ]);
      if (!rows[0]?.locked) return -1;
      return foldBatch(tx, timeZone);
    });
    if (done < 0) return folded;
    folded += done;
    if (done < FOLD_BATCH) return folded;
  }
}

async function foldBatch(tx: Queryable, timeZone: string): Promise<number> {
  const { rows } = await tx.query<{ last: number | null; count: number }>(
    `SELECT max(id) AS last, count(*)::int AS count FROM (SELECT id FROM dashboard_deltas ORDER BY id LIMIT $1) batch`,
    [FOLD_BATCH],
  );
  const { last, count } = rows[0] ?? { last: null, count: 0 };
  if (last === null || count === 0) return 0;
  const prelude = `moved AS (DELETE FROM dashboard_deltas WHERE id <= $2 RETURNING weight, ${SOURCE_COLUMNS}),\n`;
  await tx.query(rollupInsertSql('moved', ['d', 'm'], '$1', prelude), [timeZone, last]);
  await tx.query('DELETE FROM dashboard_rollup WHERE received = 0');
  return count;
}

/** Builds the roll-up again from the cases (after a bulk load, or to change the city's time zone). */
export async function rebuildRollup(db: Database, timeZone: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK_KEY]);
    // Emptied at once rather than row by row (no dead rows left to vacuum). Until this
    // commits, writers wait on the log and readers on the roll-up, so the cases read below
    // are all there is.
    await tx.exec('TRUNCATE dashboard_deltas, dashboard_rollup');
    // a million cases group in memory rather than in temporary files
    await tx.exec(`SET LOCAL work_mem = '256MB'`);
    await tx.exec(
      `CREATE TEMPORARY TABLE dashboard_rebuild ON COMMIT DROP AS SELECT 1::smallint AS weight, ${SOURCE_COLUMNS} FROM cases`,
    );
    for (const span of ['d', 'm'] as const) {
      await tx.query(rollupInsertSql('dashboard_rebuild', [span], '$1'), [timeZone]);
    }
  });
}

/** Folds the log every half minute, so that a dashboard nobody opened for a while still opens fast. */
export function dashboardTasks(db: Database, timeZone: string): PeriodicTask[] {
  return [{ name: 'dashboard.fold', everySeconds: 30, run: () => foldCaseChanges(db, timeZone) }];
}
