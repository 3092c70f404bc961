// API clients: systems that file and follow reports with an API key (Open311 clients, sensors).
// A key is shown once when the client is created; only its SHA-256 is kept. Each client acts
// through a service user of its own, the reporter of everything it files.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { consumeLimits } from '../../platform/rate-limit.js';
import { activeAgencyId } from '../agencies/service.js';
import { type AuditContext, recordAudit } from '../audit/service.js';

export const API_SCOPES = ['report', 'update', 'read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The domain of service users' e-mail addresses: .invalid can never receive mail (RFC 2606). */
const SERVICE_EMAIL_DOMAIN = 'api.citypulse.invalid';
const KEY_PREFIX_LENGTH = 8;
/** Requests a client may make per minute through the endpoints that write. */
export const API_CLIENT_WRITES_PER_MINUTE = 120;

export interface ApiClient {
  id: string;
  name: string;
  scopes: ApiScope[];
  agency_id: number | null;
  agency_code: string | null;
  service_user_id: string;
  key_prefix: string;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

const CLIENT_SELECT = `SELECT k.id, k.name, k.scopes, k.agency_id, a.code AS agency_code, k.service_user_id,
    k.key_prefix, k.revoked_at, k.last_used_at, k.created_by, k.created_at
  FROM api_clients k LEFT JOIN agencies a ON a.id = k.agency_id`;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export interface NewApiClient {
  name: string;
  scopes: readonly string[];
  agencyCode?: string | null;
}

function checkScopes(scopes: readonly string[]): ApiScope[] {
  const unique = [...new Set(scopes.map((s) => s.trim()).filter(Boolean))];
  const unknown = unique.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unique.length === 0 || unknown.length > 0) {
    throw badRequest('invalid_scopes', `Scopes must be one or more of ${API_SCOPES.join(', ')}`, { unknown });
  }
  return unique as ApiScope[];
}

/** Creates a client, its service user and its key; the key is in the answer and nowhere else. */
export async function createApiClient(
  db: Database,
  input: NewApiClient,
  context: AuditContext,
): Promise<{ client: ApiClient; key: string }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw badRequest('invalid_name', 'A client needs a name of 1 to 100 characters');
  const scopes = checkScopes(input.scopes);
  const id = randomUUID();
  const key = `cp_${randomBytes(32).toString('base64url')}`;
  const client = await db.transaction(async (tx) => {
    const agencyId = input.agencyCode ? await activeAgencyId(tx, input.agencyCode) : null;
    // citizens' rows need a phone or an e-mail: the service user gets an address that cannot receive mail
    const { rows: users } = await tx.query<{ id: string }>(
      `INSERT INTO users (role, email, display_name) VALUES ('citizen', $1, $2) RETURNING id`,
      [`client-${id}@${SERVICE_EMAIL_DOMAIN}`, `API: ${name}`],
    );
    await tx.query(
      `INSERT INTO api_clients (id, name, scopes, agency_id, service_user_id, key_hash, key_prefix, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        name,
        scopes,
        agencyId,
        users[0]?.id,
        hashApiKey(key),
        key.slice(0, KEY_PREFIX_LENGTH),
        context.actor?.userId ?? null,
      ],
    );
    await recordAudit(tx, context, {
      action: 'api_client.created',
      targetType: 'api_client',
      targetId: id,
      details: { name, scopes, agency: input.agencyCode ?? null },
    });
    const { rows } = await tx.query<ApiClient>(`${CLIENT_SELECT} WHERE k.id = $1`, [id]);
    return rows[0] as ApiClient;
  });
  return { client, key };
}

export async function listApiClients(db: Queryable): Promise<ApiClient[]> {
  const { rows } = await db.query<ApiClient>(`${CLIENT_SELECT} ORDER BY k.created_at DESC, k.id`);
  return rows;
}

/** Revokes a client's key for good; revoking twice changes nothing. The service user stays (it reported cases). */
export async function revokeApiClient(db: Database, id: string, context: AuditContext): Promise<ApiClient> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      'UPDATE api_clients SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    if (rows[0]) {
      await recordAudit(tx, context, { action: 'api_client.revoked', targetType: 'api_client', targetId: id });
    }
    const { rows: found } = await tx.query<ApiClient>(`${CLIENT_SELECT} WHERE k.id = $1`, [id]);
    if (!found[0]) throw notFound('There is no such API client', 'api_client_not_found');
    return found[0];
  });
}

/**
 * The active client holding this key, or null. last_used_at is refreshed (and an
 * 'api_client.used' audit row written) at most once an hour per client, so that a busy
 * client does not write on every request.
 */
export async function verifyApiKey(db: Database, key: string | undefined | null): Promise<ApiClient | null> {
  if (!key || key.length > 200) return null;
  const { rows } = await db.query<ApiClient>(`${CLIENT_SELECT} WHERE k.key_hash = $1 AND k.revoked_at IS NULL`, [
    hashApiKey(key),
  ]);
  const client = rows[0];
  if (!client) return null;
  const { rows: touched } = await db.query<{ id: string }>(
    `UPDATE api_clients SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 hour') RETURNING id`,
    [client.id],
  );
  if (touched[0]) {
    await recordAudit(
      db,
      { actor: { userId: client.service_user_id, role: 'citizen' }, ip: null, userAgent: null },
      { action: 'api_client.used', targetType: 'api_client', targetId: client.id },
    );
  }
  return client;
}

/** Counts one write of the client; 429 past API_CLIENT_WRITES_PER_MINUTE. */
export async function limitApiClient(db: Database, client: ApiClient): Promise<void> {
  await consumeLimits(
    db,
    [{ bucket: `api_client:${client.id}`, max: API_CLIENT_WRITES_PER_MINUTE, windowSeconds: 60 }],
    'This API client sends too many requests: slow down',
  );
}
