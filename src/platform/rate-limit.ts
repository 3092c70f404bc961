// Sliding-window limits kept in PostgreSQL, so that every server instance counts the same
// hits. A bucket names what is limited, e.g. "otp:phone:+84905123456" or "login:ip:1.2.3.4".
import type { Database } from './db/index.js';
import { tooManyRequests } from './errors.js';

export interface Limit {
  bucket: string;
  max: number;
  windowSeconds: number;
}

interface WindowState {
  count: number;
  oldest: Date | null;
}

async function windowState(db: Pick<Database, 'query'>, { bucket, windowSeconds }: Limit): Promise<WindowState> {
  const { rows } = await db.query<{ count: number; oldest: Date | null }>(
    `SELECT count(*)::int AS count, min(hit_at) AS oldest FROM rate_limit_hits
      WHERE bucket = $1 AND hit_at > now() - make_interval(secs => $2)`,
    [bucket, windowSeconds],
  );
  return rows[0] ?? { count: 0, oldest: null };
}

function retryAfter(state: WindowState, limit: Limit): number {
  if (!state.oldest) return limit.windowSeconds;
  const freeAt = state.oldest.getTime() + limit.windowSeconds * 1000;
  return Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
}

/** Throws 429 when any of the limits is already reached, without counting a hit. */
export async function assertUnderLimits(db: Database, limits: Limit[], message: string): Promise<void> {
  for (const limit of limits) {
    const state = await windowState(db, limit);
    if (state.count >= limit.max) throw tooManyRequests(message, retryAfter(state, limit));
  }
}

/** Counts one hit in each bucket (e.g. a failed password), forgetting hits older than a day. */
export async function recordHits(db: Database, buckets: string[]): Promise<void> {
  for (const bucket of buckets) {
    await db.query(
      `WITH forgotten AS (DELETE FROM rate_limit_hits WHERE bucket = $1 AND hit_at < now() - interval '1 day')
       INSERT INTO rate_limit_hits (bucket) VALUES ($1)`,
      [bucket],
    );
  }
}

/** Checks and counts in one step, serialised per bucket so concurrent requests cannot slip past. */
export async function consumeLimits(db: Database, limits: Limit[], message: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const limit of limits) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [limit.bucket]);
      const state = await windowState(tx, limit);
      if (state.count >= limit.max) throw tooManyRequests(message, retryAfter(state, limit));
    }
    for (const limit of limits) {
      await tx.query('INSERT INTO rate_limit_hits (bucket) VALUES ($1)', [limit.bucket]);
    }
  });
}
