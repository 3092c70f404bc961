// Test data made through the same functions the product uses, straight into the database.
import { randomBytes } from 'node:crypto';
import { createSession } from '../src/modules/accounts/sessions.js';
import type { Database } from '../src/platform/db/index.js';
import { isAgencyRole, type Role } from '../src/shared/roles.js';

export interface TestUser {
  id: string;
  role: Role;
  token: string;
  email: string | null;
  phone: string | null;
  /** Authorization header for app.inject. */
  auth: { authorization: string };
}

let sequence = 0;

export async function createUser(
  db: Database,
  role: Role,
  options: { agencyCode?: string; mustChangePassword?: boolean; passwordHash?: string } = {},
): Promise<TestUser> {
  sequence += 1;
  const suffix = `${process.pid}${sequence}${randomBytes(2).toString('hex')}`;
  const isCitizen = role === 'citizen';
  const email = isCitizen ? null : `${role}-${suffix}@test.example`;
  const phone = isCitizen ? `+8490${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` : null;
  const agencyCode = isAgencyRole(role) ? (options.agencyCode ?? 'hepco') : null;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (role, email, phone, display_name, agency_id, must_change_password, password_hash)
     VALUES ($1, $2, $3, $4, (SELECT id FROM agencies WHERE code = $5), $6, $7) RETURNING id`,
    [role, email, phone, `Test ${role}`, agencyCode, options.mustChangePassword ?? false, options.passwordHash ?? null],
  );
  const id = rows[0]?.id as string;
  const session = await createSession(db, {
    userId: id,
    kind: 'bearer',
    label: 'test',
    ttlDays: 1,
    ip: null,
    userAgent: null,
  });
  return { id, role, token: session.token, email, phone, auth: { authorization: `Bearer ${session.token}` } };
}
