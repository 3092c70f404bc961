// Readable case codes keep at least six digits and grow past a million instead of repeating.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let citizen: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await createUser(t.db, 'citizen');
});
afterAll(() => t.close());

async function reportCode(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.auth,
    payload: { description: 'Đèn đường hỏng', lat: 16.4698, lon: 107.5786 },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().code;
}

describe('case codes', () => {
  it('pads to six digits, and past 999999 grows rather than repeating an earlier code', async () => {
    expect(await reportCode()).toMatch(/^HUE-\d{4}-000001$/);
    await t.db.query(`SELECT setval('case_number_seq', 999998)`);
    expect(await reportCode()).toMatch(/-999999$/);
    expect(await reportCode()).toMatch(/-1000000$/);
  });
});
