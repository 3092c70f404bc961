// Staff sign in with email and password. Guessing is slowed per account and per IP: after
// too many failures in a window the answer is 429 until the window moves on.
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { assertUnderLimits, recordHits } from '../../platform/rate-limit.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import { verifyPassword } from './passwords.js';

const FAILURE_WINDOW_SECONDS = 900;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_IP = 20;

interface StaffRow {
  id: string;
  password_hash: string | null;
  disabled: boolean;
  must_change_password: boolean;
}

export async function verifyStaffPassword(
  db: Database,
  rawEmail: string,
  password: string,
  context: AuditContext,
): Promise<{ userId: string; mustChangePassword: boolean }> {
  const email = rawEmail.trim().toLowerCase();
  const buckets = [`login-fail:account:${email}`, `login-fail:ip:${context.ip}`];
  await assertUnderLimits(
    db,
    [
      { bucket: buckets[0] as string, max: MAX_FAILURES_PER_ACCOUNT, windowSeconds: FAILURE_WINDOW_SECONDS },
      { bucket: buckets[1] as string, max: MAX_FAILURES_PER_IP, windowSeconds: FAILURE_WINDOW_SECONDS },
    ],
    'Too many failed sign-ins; wait before trying again',
  );
  const { rows } = await db.query<StaffRow>(
    `SELECT id, password_hash, disabled_at IS NOT NULL AS disabled, must_change_password
       FROM users WHERE email = $1 AND role <> 'citizen'`,
    [email],
  );
  const user = rows[0];
  // Verify even for an unknown email so that the answer's timing does not reveal accounts.
  const valid = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !valid || user.disabled) {
    await recordHits(db, buckets);
    await recordAudit(
      db,
      { ...context, actor: null },
      {
        action: 'auth.sign_in_failed',
        targetType: user ? 'user' : undefined,
        targetId: user?.id,
        details: {
          method: 'password',
          reason: !user ? 'unknown_email' : user.disabled ? 'disabled' : 'wrong_password',
        },
      },
    );
    throw new AppError(401, 'invalid_credentials', 'The email or password is not right');
  }
  return { userId: user.id, mustChangePassword: user.must_change_password };
}
