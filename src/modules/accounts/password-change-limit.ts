// How many times one account may try its current password at /auth/password/change. The count
// is taken and checked in one UPDATE ... RETURNING, so thirty guesses sent at once are counted
// thirty times and only the first few reach the password check.
import type { Queryable } from '../../platform/db/index.js';
import { tooManyRequests } from '../../platform/errors.js';

export const PASSWORD_CHANGE_ATTEMPTS = 5;
export const PASSWORD_CHANGE_WINDOW_SECONDS = 900;

/** Counts one attempt; throws 429 when the window's attempts are used up. */
export async function countPasswordChangeAttempt(db: Queryable, userId: string): Promise<void> {
  const { rows } = await db.query<{ attempts: number; retry_after: number }>(
    `INSERT INTO password_change_attempts AS p (user_id, attempts, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (user_id) DO UPDATE SET
       attempts = CASE WHEN p.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE p.attempts + 1 END,
       window_started_at = CASE WHEN p.window_started_at <= now() - make_interval(secs => $2) THEN now()
                                ELSE p.window_started_at END
     RETURNING attempts,
               ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS retry_after`,
    [userId, PASSWORD_CHANGE_WINDOW_SECONDS],
  );
  const row = rows[0];
  if (row && row.attempts > PASSWORD_CHANGE_ATTEMPTS) {
    throw tooManyRequests(
      'Too many attempts at changing the password; wait before trying again',
      Math.max(1, row.retry_after),
    );
  }
}

/** The right current password was given: the count starts again. */
export async function clearPasswordChangeAttempts(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM password_change_attempts WHERE user_id = $1', [userId]);
}
