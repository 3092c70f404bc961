// API clients: admins create them (the key shown once, only its hash stored), list and revoke
// them; the CLI prints the key on its last line; every change is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { apiKeyCreateCommand } from './cli.js';
import { hashApiKey, verifyApiKey } from './service.js';

let t: TestApp;
let admin: TestUser;
let operator: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
  operator = await createUser(t.db, 'operator');
});
afterAll(() => t.close());

describe('API clients', () => {
  it('creates a client whose key is shown once and stored hashed, with a service user', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-clients',
      headers: admin.auth,
      payload: { name: 'Camera network', scopes: ['report'], agency: 'hepco' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { client, api_key: key } = created.json();
    expect(client).toMatchObject({ name: 'Camera network', scopes: ['report'], agency: 'hepco', revoked_at: null });
    expect(key.startsWith(client.key_prefix)).toBe(true);
    const { rows } = await t.db.query<{ key_hash: string; role: string; email: string }>(
      `SELECT k.key_hash, u.role, u.email FROM api_clients k JOIN users u ON u.id = k.service_user_id WHERE k.id = $1`,
      [client.id],
    );
    expect(rows[0]).toEqual({
      key_hash: hashApiKey(key),
      role: 'citizen',
      email: `client-${client.id}@api.citypulse.invalid`,
    });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/api-clients', headers: admin.auth });
    expect(list.body).not.toContain(key);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(client.id);

    expect((await verifyApiKey(t.db, key))?.id).toBe(client.id);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/api-clients/${client.id}/revoke`,
      headers: admin.auth,
    });
    expect(revoked.json().revoked_at).not.toBeNull();
    expect(await verifyApiKey(t.db, key)).toBeNull();

    const { rows: audit } = await t.db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id',
      [client.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['api_client.created', 'api_client.used', 'api_client.revoked']);
  });

  it('is for admins only and refuses unknown scopes and agencies', async () => {
    const asOperator = await t.app.inject({ method: 'GET', url: '/api/v1/admin/api-clients', headers: operator.auth });
    expect(asOperator.statusCode).toBe(403);
    for (const payload of [
      { name: 'x', scopes: ['delete'] },
      { name: 'x', scopes: ['report'], agency: 'nope' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/api-clients',
        headers: admin.auth,
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-clients/00000000-0000-4000-8000-000000000000/revoke',
      headers: admin.auth,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('apikey:create prints a working key on its last line', async () => {
    const lines: string[] = [];
    const code = await apiKeyCreateCommand(
      t.db,
      ['--name', 'FixMyStreet', '--scopes', 'report,update,read', '--agency', 'doc'],
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    const client = await verifyApiKey(t.db, lines.at(-1));
    expect(client).toMatchObject({ name: 'FixMyStreet', scopes: ['report', 'update', 'read'], agency_code: 'doc' });
    expect(await apiKeyCreateCommand(t.db, ['--name', 'x'], () => {})).toBe(2);
    expect(await apiKeyCreateCommand(t.db, ['--name', 'x', '--scopes', 'read', '--agency', 'nope'], () => {})).toBe(1);
  });
});
