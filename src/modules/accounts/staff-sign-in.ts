// Staff sign in with email and password. Guessing is slowed per account and per IP: after
// too many failures in a window the answer is 429 until the window moves on. Each attempt is
// counted before its password is checked, in the same statement that checks the limit, and
// given back when it succeeds: thirty guesses at once get exactly five checks, not more.
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { giveBack, takeFromLimits } from '../../platform/rate-limit.js';
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
  const attempt = await takeFromLimits(
    db,
    [
      { bucket: `login-fail:account:${email}`, max: MAX_FAILURES_PER_ACCOUNT, windowSeconds: FAILURE_WINDOW_SECONDS },
      { bucket: `login-fail:ip:${context.ip}`, max: MAX_FAILURES_PER_IP, windowSeconds: FAILURE_WINDOW_SECONDS },
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
  // only failures count against the limits
  await giveBack(db, attempt);
  return { userId: user.id, mustChangePassword: user.must_change_password };
}
