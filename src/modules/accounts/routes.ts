// Sign-in (phone code for citizens, password for staff), sign-out, the signed-in user, and
// the user's own sessions and API tokens.
import Type from 'typebox';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/types.js';
import { maskPhone } from '../../platform/logging.js';
import type { SmsSender } from '../../platform/sms.js';
import {
  CodeRequest,
  CodeRequested,
  CodeSignIn,
  Me,
  PasswordChange,
  PasswordSignIn,
  Session,
  SignedIn,
  TokenCreate,
} from '../../shared/accounts.js';
import { auditContextOf } from '../audit/context.js';
import { recordAudit } from '../audit/service.js';
import { requestSignInCode, verifySignInCode } from './one-time-codes.js';
import { clearSessionCookie, createSession, listActiveSessions, revokeSession } from './sessions.js';
import { startSession } from './sign-in.js';
import { verifyStaffPassword } from './staff-sign-in.js';
import { changePassword, getMe } from './users.js';

const errors = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } };

export async function accountRoutes(app: App, { db, config, sms }: { db: Database; config: Config; sms: SmsSender }) {
  app.post(
    '/auth/code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Send a one-time sign-in code by SMS to a phone number',
        body: CodeRequest,
        response: { 202: CodeRequested, ...errors },
      },
    },
    async (request, reply) => {
      const sent = await requestSignInCode(db, sms, request.body.phone, auditContextOf(request));
      return reply.status(202).send({ phone: maskPhone(sent.phone), expires_in_seconds: sent.expiresInSeconds });
    },
  );

  app.post(
    '/auth/code/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in (citizens) with the phone number and the code',
        body: CodeSignIn,
        response: { 200: SignedIn, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = await verifySignInCode(db, request.body.phone, request.body.code, auditContextOf(request));
      return startSession(db, config, request, reply, userId, request.body.session_type ?? 'cookie', 'phone');
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in (staff) with email and password',
        body: PasswordSignIn,
        response: { 200: SignedIn, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = await verifyStaffPassword(
        db,
        request.body.email,
        request.body.password,
        auditContextOf(request),
      );
      return startSession(db, config, request, reply, userId, request.body.session_type ?? 'cookie', 'password');
    },
  );

  app.post(
    '/auth/password/change',
    {
      config: { access: 'signed_in', beforePasswordChange: true },
      schema: {
        tags: ['accounts'],
        summary: 'Change your password (required after a first sign-in with a temporary one)',
        body: PasswordChange,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await changePassword(
        db,
        principal.userId,
        principal.sessionId,
        request.body.current_password,
        request.body.new_password,
        auditContextOf(request),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'signed_in', beforePasswordChange: true },
      schema: { tags: ['accounts'], summary: 'Sign out: revoke the current session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await revokeSession(db, principal.userId, principal.sessionId);
      await recordAudit(db, auditContextOf(request), {
        action: 'auth.sign_out',
        targetType: 'session',
        targetId: principal.sessionId,
      });
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed_in', beforePasswordChange: true },
      schema: { tags: ['accounts'], summary: 'The signed-in user', response: { 200: Me } },
    },
    async (request) => getMe(db, principalOf(request).userId),
  );

  app.get(
    '/me/sessions',
    {
      config: { access: 'signed_in', beforePasswordChange: true },
      schema: {
        tags: ['accounts'],
        summary: 'Your active sessions and tokens',
        response: { 200: Type.Object({ items: Type.Array(Session) }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const sessions = await listActiveSessions(db, principal.userId);
      return {
        items: sessions.map((session) => ({
          ...session,
          created_at: session.created_at.toISOString(),
          last_used_at: session.last_used_at.toISOString(),
          expires_at: session.expires_at.toISOString(),
          current: session.id === principal.sessionId,
        })),
      };
    },
  );

  app.post(
    '/me/tokens',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['accounts'],
        summary: 'Create a bearer token for a script or an app; it is shown once',
        body: TokenCreate,
        response: {
          201: Type.Object({
            id: Type.String(),
            token: Type.String(),
            expires_at: Type.String({ format: 'date-time' }),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const context = auditContextOf(request);
      const created = await db.transaction(async (tx) => {
        const session = await createSession(tx, {
          userId: principal.userId,
          kind: 'bearer',
          label: request.body.label,
          ttlDays: request.body.expires_in_days ?? 90,
          ip: context.ip,
          userAgent: context.userAgent,
        });
        await recordAudit(tx, context, { action: 'auth.token_created', targetType: 'session', targetId: session.id });
        return session;
      });
      return reply
        .status(201)
        .send({ id: created.id, token: created.token, expires_at: created.expiresAt.toISOString() });
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: { access: 'signed_in', beforePasswordChange: true },
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one of your sessions or tokens',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!(await revokeSession(db, principal.userId, request.params.id))) {
        throw notFound('You have no active session with this id', 'session_not_found');
      }
      await recordAudit(db, auditContextOf(request), {
        action: 'auth.session_revoked',
        targetType: 'session',
        targetId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );
}
