// Walks every registered route with every role and checks the answer against the route's
// declared rule, so that a route added without thinking about access fails here.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/modules/accounts/sessions.js';
import type { RouteAccessRule } from '../src/platform/http/access.js';
import { registerAccessControl } from '../src/platform/http/access.js';
import { ROLES, type Role } from '../src/shared/roles.js';
import { createUser, type TestUser } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

const DENIALS = ['unauthenticated', 'forbidden', 'other_agency', 'password_change_required'];
const OWN_AGENCY = 'hepco';
const OTHER_AGENCY = 'doc';

let t: TestApp;
const users = new Map<Role, TestUser>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) users.set(role, await createUser(t.db, role, { agencyCode: OWN_AGENCY }));
});
afterAll(() => t.close());

function urlFor(rule: RouteAccessRule, agencyCode: string): string {
  return rule.url
    .replace(/\*$/, 'index.html')
    .replace(/:([A-Za-z_]+)/g, (_match, name: string) =>
      name === rule.agencyParam ? agencyCode : name === 'id' ? randomUUID() : 'x',
    );
}

async function call(rule: RouteAccessRule, who: Role | 'anonymous', agencyCode = OWN_AGENCY) {
  const user = who === 'anonymous' ? undefined : users.get(who);
  // A fresh session per call: walking POST /auth/sign-out revokes the one it is called with.
  const session = user
    ? await createSession(t.db, {
        userId: user.id,
        kind: 'bearer',
        label: 'walk',
        ttlDays: 1,
        ip: null,
        userAgent: null,
      })
    : undefined;
  const response = await t.app.inject({
    method: rule.method as 'GET',
    url: urlFor(rule, agencyCode),
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
    ...(['POST', 'PUT', 'PATCH'].includes(rule.method) ? { payload: {} } : {}),
    remoteAddress: `10.${Math.floor(Math.random() * 250)}.0.1`,
  });
  let code: string | undefined;
  try {
    code = response.json()?.error?.code;
  } catch {
    code = undefined; // not JSON (docs, metrics): not a denial
  }
  return { status: response.statusCode, code };
}

function expected(rule: RouteAccessRule, who: Role | 'anonymous'): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (rule.access === 'public') return 'allowed';
  if (who === 'anonymous') return 'unauthenticated';
  if (rule.access === 'signed_in') return 'allowed';
  return rule.access.includes(who) ? 'allowed' : 'forbidden';
}

describe('access control on every route', () => {
  it('has rules to walk (the API is registered)', () => {
    const urls = t.app.accessRules.map((rule) => rule.url);
    expect(urls).toContain('/api/v1/me');
    expect(urls).toContain('/api/v1/audit');
    expect(urls).toContain('/api/v1/areas/lookup');
  });

  it('answers every role as each route declares', async () => {
    const mismatches: string[] = [];
    for (const rule of t.app.accessRules) {
      if (rule.method === 'HEAD') continue;
      for (const who of ['anonymous', ...ROLES] as const) {
        const want = expected(rule, who);
        const { status, code } = await call(rule, who);
        const denied = code !== undefined && DENIALS.includes(code);
        const got = !denied ? 'allowed' : status === 401 ? 'unauthenticated' : 'forbidden';
        if (got !== want)
          mismatches.push(`${rule.method} ${rule.url} as ${who}: expected ${want}, got ${status} ${code}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("keeps agency roles out of another agency's routes", async () => {
    const scoped = t.app.accessRules.filter((rule) => rule.agencyParam && rule.method !== 'HEAD');
    expect(scoped.length).toBeGreaterThan(0);
    for (const rule of scoped) {
      for (const who of ['agency_staff', 'agency_admin'] as const) {
        if (expected(rule, who) !== 'allowed') continue;
        const { status, code } = await call(rule, who, OTHER_AGENCY);
        expect([status, code], `${rule.method} ${rule.url} as ${who}`).toEqual([403, 'other_agency']);
      }
    }
  });

  it('refuses to register a route that declares no rule', async () => {
    const app = Fastify();
    registerAccessControl(app, async () => null);
    expect(() => app.get('/forgotten', async () => 'oops')).toThrow(/declares no access rule/);
    await app.close();
  });
});
