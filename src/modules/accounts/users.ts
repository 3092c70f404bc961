// Staff accounts and the signed-in user's own profile. Citizens are created on their first
// phone sign-in; staff are created by an admin with a temporary password to change.
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import type { Me, StaffUser } from '../../shared/accounts.js';
import { isAgencyRole, type Role } from '../../shared/roles.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import { clearPasswordChangeAttempts, countPasswordChangeAttempt } from './password-change-limit.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.js';
import { revokeAllSessions } from './sessions.js';

interface MeRow {
  id: string;
  role: Role;
  display_name: string;
  email: string | null;
  phone: string | null;
  must_change_password: boolean;
  agency_code: string | null;
  agency_name_vi: string | null;
  agency_name_en: string | null;
}

export async function getMe(db: Queryable, userId: string): Promise<Me> {
  const { rows } = await db.query<MeRow>(
    `SELECT u.id, u.role, u.display_name, u.email, u.phone, u.must_change_password,
            a.code AS agency_code, a.name_vi AS agency_name_vi, a.name_en AS agency_name_en
       FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
    [userId],
  );
  const row = rows[0];
  if (!row) throw notFound('No such user', 'user_not_found');
  return {
    id: row.id,
    role: row.role,
    display_name: row.display_name,
    email: row.email,
    phone: row.phone,
    must_change_password: row.must_change_password,
    agency: row.agency_code
      ? { code: row.agency_code, name_vi: row.agency_name_vi ?? '', name_en: row.agency_name_en ?? '' }
      : null,
  };
}

export async function changePassword(
  db: Database,
  userId: string,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
  context: AuditContext,
): Promise<void> {
  const { rows } = await db.query<{ password_hash: string | null; email: string | null }>(
    'SELECT password_hash, email FROM users WHERE id = $1',
    [userId],
  );
  const user = rows[0];
  if (!user?.password_hash) throw badRequest('no_password', 'This account signs in with a phone code, not a password');
  // counted before the check: a stolen session must not guess the password behind it without end
  await countPasswordChangeAttempt(db, userId);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError(401, 'invalid_credentials', 'The current password is not right');
  }
  await clearPasswordChangeAttempts(db, userId);
  if (currentPassword === newPassword)
    throw badRequest('weak_password', 'Choose a password different from the current one');
  assertAcceptablePassword(newPassword, user.email);
  const newHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [
      userId,
      newHash,
    ]);
    // Whoever knew the old password is signed out everywhere but here.
    await revokeAllSessions(tx, userId, currentSessionId);
    await recordAudit(tx, context, { action: 'auth.password_changed', targetType: 'user', targetId: userId });
  });
}

const STAFF_COLUMNS = `u.id, u.role, u.email, u.display_name, a.code AS agency_code, u.must_change_password,
  u.disabled_at IS NOT NULL AS disabled, u.last_sign_in_at, u.created_at`;

interface StaffRow {
  id: string;
  role: Role;
  email: string | null;
  display_name: string;
  agency_code: string | null;
  must_change_password: boolean;
  disabled: boolean;
  last_sign_in_at: Date | null;
  created_at: Date;
}

const toStaffUser = (row: StaffRow): StaffUser => ({
  ...row,
  last_sign_in_at: row.last_sign_in_at?.toISOString() ?? null,
  created_at: row.created_at.toISOString(),
});

export interface StaffQuery {
  agencyCode?: string;
  role?: Role;
  after?: string;
  limit: number;
}

/** Staff accounts ordered by email, paged by the last email seen. */
export async function listStaff(
  db: Queryable,
  query: StaffQuery,
): Promise<{ items: StaffUser[]; next: string | null }> {
  const { rows } = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
      WHERE u.role <> 'citizen' AND ($1::text IS NULL OR a.code = $1) AND ($2::text IS NULL OR u.role = $2)
        AND ($3::text IS NULL OR u.email > $3)
      ORDER BY u.email LIMIT $4`,
    [query.agencyCode ?? null, query.role ?? null, query.after ?? null, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(toStaffUser);
  return { items, next: rows.length > query.limit ? (items.at(-1)?.email ?? null) : null };
}

export async function getStaffUser(db: Queryable, id: string): Promise<StaffUser> {
  const { rows } = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 AND u.role <> 'citizen'`,
    [id],
  );
  if (!rows[0]) throw notFound('No such staff account', 'user_not_found');
  return toStaffUser(rows[0]);
}

async function agencyIdFor(db: Queryable, role: Role, agencyCode: string | null | undefined): Promise<number | null> {
  if (!isAgencyRole(role)) {
    if (agencyCode) throw badRequest('agency_not_allowed', `The role ${role} is not bound to an agency`);
    return null;
  }
  if (!agencyCode) throw badRequest('agency_required', `The role ${role} needs an agency_code`);
  const { rows } = await db.query<{ id: number }>('SELECT id FROM agencies WHERE code = $1', [agencyCode]);
  if (!rows[0]) throw badRequest('unknown_agency', `There is no agency with the code ${agencyCode}`);
  return rows[0].id;
}

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: Exclude<Role, 'citizen'>;
  agencyCode?: string | null;
  /** Given: used as is and not to be changed (demo users); absent: a temporary one is made. */
  password?: string;
}

export async function createStaffUser(
  db: Database,
  user: NewStaffUser,
  context: AuditContext,
): Promise<{ user: StaffUser; temporaryPassword: string | null }> {
  const email = user.email.trim().toLowerCase();
  if (user.password !== undefined) assertAcceptablePassword(user.password, email);
  const agencyId = await agencyIdFor(db, user.role, user.agencyCode);
  const temporaryPassword = user.password ? null : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(user.password ?? (temporaryPassword as string));
  const id = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO users (role, email, display_name, password_hash, must_change_password, agency_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [user.role, email, user.displayName, passwordHash, temporaryPassword !== null, agencyId],
    );
    if (!rows[0]) throw conflict('email_taken', `An account with the email ${email} already exists`);
    await recordAudit(tx, context, {
      action: 'user.created',
      targetType: 'user',
      targetId: rows[0].id,
      details: { email, role: user.role, agency_code: user.agencyCode ?? null },
    });
    return rows[0].id;
  });
  return { user: await getStaffUser(db, id), temporaryPassword };
}

export interface StaffUserChanges {
  display_name?: string;
  role?: Exclude<Role, 'citizen'>;
  agency_code?: string | null;
  disabled?: boolean;
}

/**
 * The city must keep an admin who can sign in. The active admins' rows are locked first, so
 * two admins demoting each other at once are taken one after the other and the second refused.
 */
async function assertAnotherActiveAdmin(tx: Queryable, leavingId: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
  );
  if (!rows.some((row) => row.id !== leavingId)) {
    throw conflict('last_admin', 'This is the last active admin: make another admin first');
  }
}

export async function updateStaffUser(
  db: Database,
  id: string,
  changes: StaffUserChanges,
  context: AuditContext,
): Promise<StaffUser> {
  const before = await getStaffUser(db, id);
  const role = changes.role ?? before.role;
  const agencyCode = changes.agency_code !== undefined ? changes.agency_code : before.agency_code;
  const agencyId = await agencyIdFor(db, role, isAgencyRole(role) ? agencyCode : changes.agency_code);
  if (changes.disabled && id === context.actor?.userId) {
    throw badRequest('cannot_disable_self', 'You cannot disable your own account');
  }
  const removesAdmin = before.role === 'admin' && !before.disabled && (role !== 'admin' || changes.disabled === true);
  await db.transaction(async (tx) => {
    if (removesAdmin) await assertAnotherActiveAdmin(tx, id);
    await tx.query(
      `UPDATE users SET display_name = coalesce($2, display_name), role = $3, agency_id = $4,
              disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at
                                 WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END
        WHERE id = $1`,
      [id, changes.display_name ?? null, role, agencyId, changes.disabled ?? null],
    );
    // A disabled account or a changed role must not keep sessions granted under the old rights.
    if (changes.disabled || role !== before.role || agencyCode !== before.agency_code) await revokeAllSessions(tx, id);
    await recordAudit(tx, context, { action: 'user.updated', targetType: 'user', targetId: id, details: { changes } });
  });
  return getStaffUser(db, id);
}

export async function findUserIdByLogin(db: Queryable, login: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1 OR phone = $2', [
    login.trim().toLowerCase(),
    login,
  ]);
  return rows[0]?.id ?? null;
}
