// Requests the tests make again and again, through app.inject, each checking its answer.
import { expect } from 'vitest';
import type { TestUser } from './factories.js';
import type { TestApp } from './harness.js';

/** A staff action on a case (POST /api/v1/cases/:id/:action) that must succeed; its answer. */
export async function caseAction(
  t: TestApp,
  user: TestUser,
  caseId: string | undefined,
  action: string,
  payload: object,
): Promise<unknown> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/${action}`,
    headers: user.auth,
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
