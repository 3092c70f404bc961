// Sessions are the one kind of credential: a web cookie and a bearer token differ only in
// how the client carries the secret. Only the SHA-256 of the secret is stored.
import { createHash, randomBytes } from 'node:crypto';
import DataLoader from 'dataloader';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Database, prepared, type Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import type { Role } from '../../shared/roles.js';

export const SESSION_COOKIE = 'citypulse_session';
const TOKEN_PREFIX = 'cps_';
/** last_used_at is refreshed at most this often, so that reading is not a write per request. */
const TOUCH_INTERVAL_SECONDS = 300;

export type SessionKind = 'cookie' | 'bearer';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  userId: string;
  kind: SessionKind;
  label: string;
  ttlDays: number;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(
  db: Queryable,
  session: NewSession,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const { rows } = await db.query<{ id: string; expires_at: Date }>(
    `INSERT INTO sessions (user_id, token_hash, kind, label, ip, user_agent, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
     RETURNING id, expires_at`,
    [
      session.userId,
      hashToken(token),
      session.kind,
      session.label,
      session.ip,
      session.userAgent?.slice(0, 300) ?? null,
      session.ttlDays,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('session insert returned nothing');
  return { id: row.id, token, expiresAt: row.expires_at };
}

function credentialOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  return request.cookies?.[SESSION_COOKIE] ?? null;
}

interface PrincipalRow {
  token_hash: string;
  session_id: string;
  user_id: string;
  role: Role;
  agency_id: number | null;
  agency_code: string | null;
  must_change_password: boolean;
  stale: boolean;
}

// every signed-in request runs it
const PRINCIPALS_OF_TOKENS = prepared(
  `SELECT s.token_hash, s.id AS session_id, u.id AS user_id, u.role, u.agency_id, a.code AS agency_code,
          u.must_change_password, s.last_used_at < now() - make_interval(secs => $2) AS stale
     FROM sessions s
     JOIN users u ON u.id = s.user_id
     LEFT JOIN agencies a ON a.id = u.agency_id
    WHERE s.token_hash = ANY($1) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
);

/**
 * Finds the sessions of many tokens in one query: under load every request needs its
 * caller, and the requests of one turn of the event loop share one round trip.
 */
export function principalLoader(db: Database): DataLoader<string, Principal | null> {
  return new DataLoader<string, Principal | null>(
    async (tokenHashes) => {
      const { rows } = await db.query<PrincipalRow>(PRINCIPALS_OF_TOKENS, [tokenHashes, TOUCH_INTERVAL_SECONDS]);
      const stale = rows.filter((row) => row.stale).map((row) => row.session_id);
      if (stale.length > 0) await db.query('UPDATE sessions SET last_used_at = now() WHERE id = ANY($1)', [stale]);
      const byHash = new Map(rows.map((row) => [row.token_hash, row]));
      return tokenHashes.map((hash) => {
        const row = byHash.get(hash);
        return row
          ? {
              userId: row.user_id,
              role: row.role,
              agencyId: row.agency_id,
              agencyCode: row.agency_code,
              sessionId: row.session_id,
              mustChangePassword: row.must_change_password,
            }
          : null;
      });
    },
    // no caching between requests: a revoked session stops working at once
    { cache: false, maxBatchSize: 200, batchScheduleFn: (run) => setImmediate(run) },
  );
}

export async function resolvePrincipal(
  loader: DataLoader<string, Principal | null>,
  request: FastifyRequest,
): Promise<Principal | null> {
  const token = credentialOf(request);
  if (!token?.startsWith(TOKEN_PREFIX)) return null;
  return loader.load(hashToken(token));
}

/** Which of these sessions may still be used (not revoked, not expired, their user not disabled). */
export async function activeSessionIds(db: Queryable, sessionIds: readonly string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ANY($1) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [sessionIds],
  );
  return new Set(rows.map((row) => row.id));
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    // Lax keeps the cookie off cross-site POSTs, which is what a CSRF attack needs.
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export interface SessionSummary {
  id: string;
  kind: SessionKind;
  label: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
}

export async function listActiveSessions(db: Queryable, userId: string): Promise<SessionSummary[]> {
  const { rows } = await db.query<SessionSummary>(
    `SELECT id, kind, label, ip, user_agent, created_at, last_used_at, expires_at FROM sessions
      WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
      ORDER BY created_at DESC`,
    [userId],
  );
  return rows;
}

/** Revokes one of the user's sessions; false when there is no such active session of theirs. */
export async function revokeSession(db: Queryable, userId: string, sessionId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
    [sessionId, userId],
  );
  return rowCount > 0;
}

export async function revokeAllSessions(db: Queryable, userId: string, exceptSessionId?: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessions SET revoked_at = now()
      WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`,
    [userId, exceptSessionId ?? null],
  );
  return rowCount;
}
