// Routing's advice kept between queue pages (advice.ts): the routing data's version moves with
// every change to that data and only then, and the queue's advice follows a change at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { StaffCase } from '../../shared/cases.js';

const CITADEL = { lat: 16.4698, lon: 107.5786 }; // Phường Phú Xuân (19753)

let t: TestApp;
let admin: TestUser;
let operator: TestUser;
let citizen: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, 'admin');
  operator = await createUser(t.db, 'operator');
  citizen = await createUser(t.db, 'citizen');
});
afterAll(() => t?.close());

function call(user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });
}

async function version(): Promise<number> {
  const { rows } = await t.db.query<{ version: string }>('SELECT version::text FROM routing_data_version');
  return Number(rows[0]?.version);
}

async function adviceFor(caseId: string) {
  const response = await call(operator, 'GET', '/cases?state=submitted&state=triaged');
  expect(response.statusCode, response.body).toBe(200);
  const listed = (response.json() as { items: StaffCase[] }).items.find((item) => item.id === caseId);
  return { agency: listed?.suggestion?.agency, en: listed?.suggestion?.routing_explanation?.en };
}

describe("routing's advice kept between pages", () => {
  it('moves the version with a change to the routing data, and not with a case', async () => {
    const before = await version();
    const report = await call(citizen, 'POST', '/reports', { description: 'Rác thải bốc mùi', ...CITADEL });
    expect(report.statusCode, report.body).toBe(201);
    expect(await version()).toBe(before);
    const changed = await call(admin, 'PATCH', '/categories/waste', { sla_hours: 30 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await version()).toBeGreaterThan(before);
  });

  it("follows an override as soon as it is set or removed, in the queue's advice", async () => {
    const report = await call(citizen, 'POST', '/reports', {
      description: 'Rác thải đổ bừa bãi bốc mùi hôi thối',
      category: 'waste',
      ...CITADEL,
    });
    expect(report.statusCode, report.body).toBe(201);
    const id = report.json().id as string;
    const usual = await adviceFor(id);
    expect(usual.agency).toBe('hepco');
    expect(await adviceFor(id)).toEqual(usual); // the kept answer, the same

    const set = await call(admin, 'POST', '/admin/routing-overrides', {
      category: 'waste',
      area: '19753',
      agency: 'ward-19753',
    });
    expect(set.statusCode, set.body).toBe(201);
    const overridden = await adviceFor(id);
    expect(overridden.agency).toBe('ward-19753');
    expect(overridden.en).toMatch(/^By a rule the city set/);

    expect((await call(admin, 'DELETE', `/admin/routing-overrides/${set.json().id}`)).statusCode).toBe(204);
    expect(await adviceFor(id)).toEqual(usual);
  });
});
