// The audit log: an append-only record of sign-ins, failed sign-ins, staff actions and
// admin changes. Rows are never updated or deleted (a trigger refuses it).
import type { Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';

export interface AuditContext {
  actor: Pick<Principal, 'userId' | 'role'> | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Never a password, a code or a full phone number. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Queryable, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, ip, user_agent, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      context.actor?.userId ?? null,
      context.actor?.role ?? null,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      context.ip,
      context.userAgent?.slice(0, 300) ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  before?: number;
  limit: number;
  action?: string;
  actorId?: string;
}

/** Newest first, paged by id (a cursor that stays stable while rows are appended). */
export async function listAudit(
  db: Queryable,
  query: AuditQuery,
): Promise<{ items: AuditRow[]; nextBefore: number | null }> {
  const { rows } = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, a.actor_role, coalesce(u.email, u.display_name) AS actor_label,
            a.action, a.target_type, a.target_id, a.ip, a.user_agent, a.details
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE ($1::bigint IS NULL OR a.id < $1)
        AND ($2::text IS NULL OR a.action = $2 OR a.action LIKE $2 || '.%')
        AND ($3::uuid IS NULL OR a.actor_id = $3)
      ORDER BY a.id DESC
      LIMIT $4`,
    [query.before ?? null, query.action ?? null, query.actorId ?? null, query.limit + 1],
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextBefore: rows.length > query.limit && last ? last.id : null };
}
