// Citizens sign in with a phone number and a 6-digit code sent by SMS. Codes expire in five
// minutes, are stored hashed, allow five tries, and requests are limited per number and per IP.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../platform/db/index.js';
import { AppError, forbidden, unauthorized } from '../../platform/errors.js';
import { maskPhone } from '../../platform/logging.js';
import { consumeLimits } from '../../platform/rate-limit.js';
import type { SmsSender } from '../../platform/sms.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import { normalizePhone } from './phone.js';

export const CODE_TTL_SECONDS = 300;
export const MAX_CODE_ATTEMPTS = 5;

const hashCode = (codeId: string, code: string) => createHash('sha256').update(`${codeId}:${code}`).digest();

export async function requestSignInCode(
  db: Database,
  sms: SmsSender,
  rawPhone: string,
  context: AuditContext,
): Promise<{ phone: string; expiresInSeconds: number }> {
  const phone = normalizePhone(rawPhone);
  await consumeLimits(
    db,
    [
      { bucket: `otp:phone:${phone}`, max: 3, windowSeconds: 600 },
      { bucket: `otp:phone-day:${phone}`, max: 10, windowSeconds: 86_400 },
      { bucket: `otp:ip:${context.ip}`, max: 20, windowSeconds: 3_600 },
    ],
    'Too many codes requested; wait before asking for another',
  );
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (tx) => {
    // Only the newest code counts: an older one still in someone's inbox stops working.
    await tx.query('UPDATE otp_codes SET consumed_at = now() WHERE phone = $1 AND consumed_at IS NULL', [phone]);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO otp_codes (id, phone, code_hash, expires_at, ip)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5)`,
      [id, phone, hashCode(id, code).toString('hex'), CODE_TTL_SECONDS, context.ip],
    );
    await recordAudit(tx, context, { action: 'auth.code_requested', details: { phone: maskPhone(phone) } });
  });
  await sms.send({
    to: phone,
    text: `CityPulse: ma dang nhap cua ban la ${code} (hieu luc 5 phut). Your sign-in code is ${code}.`,
  });
  return { phone, expiresInSeconds: CODE_TTL_SECONDS };
}

interface CodeRow {
  id: string;
  code_hash: string;
  attempts: number;
}

type CodeOutcome = { error: AppError } | { error: null; user: { userId: string; created: boolean } };

/**
 * One try at the phone's newest code. The try is counted in the same statement that checks
 * there are tries left, before the code is compared: concurrent guesses get exactly
 * MAX_CODE_ATTEMPTS comparisons between them, never more.
 */
async function checkCode(db: Database, phone: string, code: string): Promise<CodeOutcome> {
  const { rows } = await db.query<CodeRow>(
    `UPDATE otp_codes SET attempts = attempts + 1
      WHERE id = (SELECT id FROM otp_codes WHERE phone = $1 AND consumed_at IS NULL ORDER BY created_at DESC LIMIT 1)
        AND consumed_at IS NULL AND expires_at > now() AND attempts < $2
      RETURNING id, code_hash, attempts`,
    [phone, MAX_CODE_ATTEMPTS],
  );
  const row = rows[0];
  if (!row) {
    const { rows: newest } = await db.query<{ expired: boolean }>(
      `SELECT expires_at <= now() AS expired FROM otp_codes
        WHERE phone = $1 AND consumed_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [phone],
    );
    if (!newest[0] || newest[0].expired)
      return { error: new AppError(401, 'code_expired', 'This code has expired; ask for a new one') };
    return { error: new AppError(401, 'code_locked', 'Too many wrong tries; ask for a new code') };
  }
  const matches = timingSafeEqual(Buffer.from(row.code_hash, 'hex'), hashCode(row.id, code));
  if (!matches) {
    const left = MAX_CODE_ATTEMPTS - row.attempts;
    return { error: new AppError(401, 'invalid_code', 'This code is not right', { attempts_left: left }) };
  }
  // consumed once: of two right answers at once, one signs in
  return db.transaction(async (tx) => {
    const consumed = await tx.query('UPDATE otp_codes SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL', [
      row.id,
    ]);
    if (consumed.rowCount === 0)
      return { error: new AppError(401, 'code_expired', 'This code has expired; ask for a new one') };
    return { error: null, user: await findOrCreateCitizen(tx, phone) };
  });
}

/** Checks the code and returns the citizen's user id, creating the citizen on first sign-in. */
export async function verifySignInCode(
  db: Database,
  rawPhone: string,
  code: string,
  context: AuditContext,
): Promise<{ userId: string; created: boolean }> {
  const phone = normalizePhone(rawPhone);
  await consumeLimits(
    db,
    [{ bucket: `otp-verify:ip:${context.ip}`, max: 30, windowSeconds: 600 }],
    'Too many sign-in attempts from here; wait a few minutes',
  );
  const outcome = await checkCode(db, phone, code);
  if (outcome.error) {
    await recordAudit(db, context, {
      action: 'auth.sign_in_failed',
      details: { method: 'phone', phone: maskPhone(phone), reason: outcome.error.code },
    });
    throw outcome.error;
  }
  return outcome.user;
}

async function findOrCreateCitizen(
  tx: Pick<Database, 'query'>,
  phone: string,
): Promise<{ userId: string; created: boolean }> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO users (role, phone) VALUES ('citizen', $1) ON CONFLICT (phone) DO NOTHING RETURNING id`,
    [phone],
  );
  if (inserted.rows[0]) return { userId: inserted.rows[0].id, created: true };
  const { rows } = await tx.query<{ id: string; role: string; disabled: boolean }>(
    'SELECT id, role, disabled_at IS NOT NULL AS disabled FROM users WHERE phone = $1',
    [phone],
  );
  const user = rows[0];
  if (!user || user.disabled) throw unauthorized('This account is disabled', 'account_disabled');
  if (user.role !== 'citizen') throw forbidden('Staff sign in with their email and password', 'staff_account');
  return { userId: user.id, created: false };
}
