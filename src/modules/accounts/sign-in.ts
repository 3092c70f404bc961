import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import { auditContextOf } from '../audit/context.js';
import { recordAudit } from '../audit/service.js';
import { createSession, type SessionKind, setSessionCookie } from './sessions.js';
import { getMe } from './users.js';

/** The last step of every sign-in: a session, the audit row, and the cookie or the token. */
export async function startSession(
  db: Database,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  kind: SessionKind,
  method: 'phone' | 'password',
) {
  const context = auditContextOf(request);
  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, {
      userId,
      kind,
      label: kind === 'cookie' ? 'web' : 'app',
      ttlDays: config.sessionTtlDays,
      ip: context.ip,
      userAgent: context.userAgent,
    });
    await tx.query('UPDATE users SET last_sign_in_at = now() WHERE id = $1', [userId]);
    const { rows } = await tx.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [userId]);
    await recordAudit(
      tx,
      { ...context, actor: { userId, role: rows[0]?.role as never } },
      { action: 'auth.sign_in', targetType: 'session', targetId: created.id, details: { method, session_type: kind } },
    );
    return created;
  });
  if (kind === 'cookie') setSessionCookie(reply, session.token, session.expiresAt, config.nodeEnv === 'production');
  return {
    user: await getMe(db, userId),
    session_id: session.id,
    expires_at: session.expiresAt.toISOString(),
    ...(kind === 'bearer' ? { token: session.token } : {}),
  };
}
