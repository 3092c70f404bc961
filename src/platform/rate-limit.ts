// Rate limits and quotas kept in PostgreSQL, so that every server instance counts the same
// hits. A bucket names what is limited, e.g. "otp:phone:+84905123456" or "login:ip:1.2.3.4";
// each bucket has one window length. Checking and counting are one statement: a request
// that is let through has already been counted, so concurrent requests cannot slip past.
import type { Database, Queryable } from './db/index.js';
import { type AppError, tooManyRequests } from './errors.js';
import type { PeriodicTask } from './jobs/periodic.js';

export interface Limit {
  bucket: string;
  /** What the window holds: hits, or bytes for a quota. 0 refuses everything. */
  max: number;
  windowSeconds: number;
}

/** What takeFromLimits counted, to give back when the attempt turns out not to count. */
export interface Taken {
  bucket: string;
  windowStart: Date;
  cost: number;
}

export interface TakeOptions {
  /** Hits (1 by default) or bytes. */
  cost?: number;
  /** The refusal; 429 rate_limited by default. */
  refuse?: (retryAfterSeconds: number) => AppError;
}

// The sliding window is estimated from two fixed windows: what the current one holds plus
// the previous one's count weighted by the share of it still inside the sliding window.
// In ON CONFLICT DO UPDATE, `c` is the stored row and EXCLUDED the one proposed.
const PREVIOUS = `CASE WHEN c.window_start = EXCLUDED.window_start THEN c.previous_count
     WHEN c.window_start = EXCLUDED.window_start - make_interval(secs => EXCLUDED.window_seconds) THEN c.current_count
     ELSE 0 END`;
const CURRENT = 'CASE WHEN c.window_start = EXCLUDED.window_start THEN c.current_count ELSE 0 END';
const SHARE_LEFT = `(1 - extract(epoch FROM now() - EXCLUDED.window_start) / EXCLUDED.window_seconds)`;

// Rows are upserted in bucket order: two requests on the same buckets lock them in the same
// order and cannot deadlock.
const TAKE = `
  INSERT INTO rate_limit_counters AS c (bucket, window_seconds, max_count, window_start, current_count, previous_count)
  SELECT w.bucket, w.window_seconds, w.max_count,
         to_timestamp(floor(extract(epoch FROM now()) / w.window_seconds) * w.window_seconds), $4::bigint, 0
    FROM unnest($1::text[], $2::int[], $3::bigint[]) AS w(bucket, window_seconds, max_count)
   WHERE $4::bigint <= w.max_count
   ORDER BY w.bucket
  ON CONFLICT (bucket) DO UPDATE SET
    window_seconds = EXCLUDED.window_seconds,
    max_count = EXCLUDED.max_count,
    window_start = EXCLUDED.window_start,
    previous_count = ${PREVIOUS},
    current_count = ${CURRENT} + EXCLUDED.current_count,
    updated_at = now()
  WHERE ceil(${PREVIOUS} * ${SHARE_LEFT}) + ${CURRENT} + EXCLUDED.current_count <= EXCLUDED.max_count
  RETURNING c.bucket, c.window_start`;

interface CounterRow {
  bucket: string;
  window_seconds: number;
  window_start: Date;
  current_count: string;
  previous_count: string;
  now: Date;
}

/** Seconds until `cost` more would fit in the bucket, as far as the counter can tell. */
function secondsUntilFree(row: CounterRow | undefined, limit: Limit, cost: number): number {
  if (!row || cost > limit.max) return limit.windowSeconds;
  const window = limit.windowSeconds * 1000;
  const now = row.now.getTime();
  const startNow = Math.floor(now / window) * window;
  const stored = row.window_start.getTime();
  const current = stored === startNow ? Number(row.current_count) : 0;
  const previous =
    stored === startNow ? Number(row.previous_count) : stored === startNow - window ? Number(row.current_count) : 0;
  let freeAt: number;
  if (current + cost <= limit.max) {
    // within this window, once enough of the previous one has slid out
    const share = previous > 0 ? 1 - (limit.max - current - cost) / previous : 0;
    freeAt = startNow + window * share;
  } else {
    // in the next window, once enough of this one has slid out
    const share = current > 0 ? 1 - (limit.max - cost) / current : 0;
    freeAt = startNow + window + window * share;
  }
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

/**
 * Counts `cost` in every bucket, or in none: when any bucket is full the request is refused
 * (429 rate_limited with the wait in Retry-After, unless `refuse` says otherwise) and what was
 * counted in the other buckets is given back.
 */
export async function takeFromLimits(
  db: Queryable,
  limits: readonly Limit[],
  message: string,
  options: TakeOptions = {},
): Promise<Taken[]> {
  const cost = options.cost ?? 1;
  if (limits.length === 0) return [];
  const { rows } = await db.query<{ bucket: string; window_start: Date }>(TAKE, [
    limits.map((limit) => limit.bucket),
    limits.map((limit) => limit.windowSeconds),
    limits.map((limit) => limit.max),
    cost,
  ]);
  const taken = rows.map((row) => ({ bucket: row.bucket, windowStart: row.window_start, cost }));
  if (taken.length === limits.length) return taken;
  await giveBack(db, taken);
  const counted = new Set(taken.map((entry) => entry.bucket));
  const full = limits.filter((limit) => !counted.has(limit.bucket));
  const { rows: states } = await db.query<CounterRow>(
    `SELECT bucket, window_seconds, window_start, current_count, previous_count, now() AS now
       FROM rate_limit_counters WHERE bucket = ANY($1::text[])`,
    [full.map((limit) => limit.bucket)],
  );
  const wait = Math.max(
    ...full.map((limit) =>
      secondsUntilFree(
        states.find((state) => state.bucket === limit.bucket),
        limit,
        cost,
      ),
    ),
  );
  throw options.refuse ? options.refuse(wait) : tooManyRequests(message, wait);
}

/** Checks and counts one hit in each bucket; 429 when any is full. */
export async function consumeLimits(db: Queryable, limits: readonly Limit[], message: string): Promise<void> {
  await takeFromLimits(db, limits, message);
}

/** Gives back what was counted (an attempt that proved legitimate), if its window has not moved on. */
export async function giveBack(db: Queryable, taken: readonly Taken[]): Promise<void> {
  for (const entry of taken) {
    await db.query(
      `UPDATE rate_limit_counters SET current_count = greatest(current_count - $3, 0), updated_at = now()
        WHERE bucket = $1 AND window_start = $2`,
      [entry.bucket, entry.windowStart, entry.cost],
    );
  }
}

/** Seconds until `cost` more would fit in the bucket. */
export async function secondsUntilRoom(db: Queryable, limit: Limit, cost: number): Promise<number> {
  const { rows } = await db.query<CounterRow>(
    `SELECT bucket, window_seconds, window_start, current_count, previous_count, now() AS now
       FROM rate_limit_counters WHERE bucket = $1`,
    [limit.bucket],
  );
  return secondsUntilFree(rows[0], limit, cost);
}

/** What the bucket would still take now (a quota's bytes left), without counting anything. */
export async function remainingIn(db: Queryable, limit: Limit): Promise<number> {
  const { rows } = await db.query<CounterRow>(
    `SELECT bucket, window_seconds, window_start, current_count, previous_count, now() AS now
       FROM rate_limit_counters WHERE bucket = $1`,
    [limit.bucket],
  );
  const row = rows[0];
  if (!row || row.window_seconds !== limit.windowSeconds) return limit.max;
  const window = limit.windowSeconds * 1000;
  const now = row.now.getTime();
  const startNow = Math.floor(now / window) * window;
  const stored = row.window_start.getTime();
  const current = stored === startNow ? Number(row.current_count) : 0;
  const previous =
    stored === startNow ? Number(row.previous_count) : stored === startNow - window ? Number(row.current_count) : 0;
  const shareLeft = 1 - (now - startNow) / window;
  return Math.max(0, limit.max - current - Math.ceil(previous * shareLeft));
}

/** Forgets buckets that have counted nothing for two of their windows: they hold nothing any more. */
export async function forgetIdleCounters(db: Database): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM rate_limit_counters WHERE window_start < now() - make_interval(secs => 2 * window_seconds)`,
  );
  return rowCount;
}

export function rateLimitTasks(db: Database): PeriodicTask[] {
  return [{ name: 'rate_limits.forget_idle', everySeconds: 3600, run: () => forgetIdleCounters(db) }];
}

/**
 * The limits of one kind of request per account and per address (say "reports:account:<id>"
 * and "reports:ip:<address>"); a max of 0 leaves that limit out.
 */
export function perAccountAndAddress(
  name: string,
  caller: { userId: string; ip: string },
  max: { perAccount: number; perIp: number },
  windowSeconds: number,
): Limit[] {
  return [
    { bucket: `${name}:account:${caller.userId}`, max: max.perAccount, windowSeconds },
    { bucket: `${name}:ip:${caller.ip}`, max: max.perIp, windowSeconds },
  ].filter((limit) => limit.max > 0);
}
